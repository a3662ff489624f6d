package adopt

import "testing"

func TestIdent(t *testing.T) {
	for in, want := range map[string]string{
		"ether2-vlan-vms-dmz":   "ether2_vlan_vms_dmz",
		"bridge-proxmox":        "bridge_proxmox",
		"10.10.0.1/24":          "ip_10_10_0_1_24",
		"WAN":                   "wan",
		"--a..b--":              "a_b",
		"":                      "ip",
		"vault.rachuna-net.pl":  "vault_rachuna_net_pl",
		"Zażółć gęślą":          "za_g_l",
		"storage (NAS) port 1!": "storage_nas_port_1",
	} {
		if got := Ident(in, "ip"); got != want {
			t.Errorf("Ident(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamesUnique(t *testing.T) {
	var n Names
	got := []string{n.Take("a", "x"), n.Take("a", "x"), n.Take("a", "x_2"), n.Take("a", "x"), n.Take("b", "x")}
	want := []string{"x", "x_2", "x_2_2", "x_3", "x"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("names = %v, want %v", got, want)
		}
	}
}
