package proxmox

import (
	"testing"
)

// TestNodeNetwork: staged changes, the reload, the writer's checks, and
// guests seeing only the running bridges.
func TestNodeNetwork(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	var br map[string]any
	c.ok("GET", "/nodes/pve-s2/network/vmbr0", nil, &br)
	if br["bridge_ports"] != "eno1" || br["cidr"] != "10.10.10.12/24" || br["method"] != "static" || br["active"] != float64(1) {
		t.Fatalf("default vmbr0 %v", br)
	}
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vmbr0", "type": "bridge"}, 400, "interface already exists")
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vmbr1", "type": "bridge", "bridge_ports": "eno1"}, 400, "eno1 is already used on interface 'vmbr0'.")
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vmbr1", "type": "bridge", "bridge_ports": "eno9"}, 500, "bridge 'vmbr1' - unable to find bridge port 'eno9'")
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vmbr1", "type": "bridge", "cidr": "10.20.0.1/24", "gateway": "10.20.0.254"}, 400, "Default gateway already exists on interface 'vmbr0'.")
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vmbr1", "type": "bridge", "bridge_vids": "1"}, 400, "invalid VLAN tag '1'")
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "bond0", "type": "bond", "slaves": "vmbr0"}, 500, "wrong interface type on slave 'vmbr0'")
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vlan30", "type": "vlan"}, 500, "missing vlan-raw-device option")
	c.fails("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vlan30", "type": "vlan", "vlan-raw-device": "eno2", "mtu": "9000"}, 500, "interface 'eno2' - mtu 1500 is lower than 'vlan30' - mtu 9000")

	c.ok("POST", "/nodes/pve-s1/network", map[string]string{"iface": "bond0", "type": "bond", "slaves": "eno2", "bond_mode": "802.3ad", "bond_xmit_hash_policy": "layer3+4"}, nil)
	c.ok("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vmbr1", "type": "bridge", "bridge_ports": "bond0", "bridge_vlan_aware": "1",
		"bridge_vids": "10,20", "comments": "trunk", "autostart": "1"}, nil)
	c.ok("POST", "/nodes/pve-s1/network", map[string]string{"iface": "vmbr1.10", "type": "vlan", "cidr": "10.10.10.200/24", "mtu": "1500"}, nil)
	var v map[string]any
	c.ok("GET", "/nodes/pve-s1/network/vmbr1", nil, &v)
	if v["bridge_vids"] != "10 20" || v["bridge_vlan_aware"] != float64(1) || v["comments"] != "trunk\n" || v["active"] != nil {
		t.Fatalf("staged vmbr1 %v", v)
	}
	v = nil
	c.ok("GET", "/nodes/pve-s1/network/vmbr1.10", nil, &v)
	if v["vlan-id"] != "10" || v["vlan-raw-device"] != "vmbr1" || v["netmask"] != "24" || v["address"] != "10.10.10.200" {
		t.Fatalf("vlan %v", v)
	}
	if contains(s.Bridges("pve-s1"), "vmbr1") {
		t.Fatal("a staged bridge is not running yet")
	}
	c.okTask("PUT", "/nodes/pve-s1/network", nil)
	if !contains(s.Bridges("pve-s1"), "vmbr1") {
		t.Fatalf("bridges after reload %v", s.Bridges("pve-s1"))
	}
	c.fails("DELETE", "/nodes/pve-s1/network/bond0", nil, 500, "bridge 'vmbr1' - unable to find bridge port 'bond0'")
	c.ok("PUT", "/nodes/pve-s1/network/vmbr1", map[string]string{"type": "bridge", "delete": "comments,bridge_vids"}, nil)
	c.ok("DELETE", "/nodes/pve-s1/network", nil, nil) // revert
	v = nil
	c.ok("GET", "/nodes/pve-s1/network/vmbr1", nil, &v)
	if v["comments"] != "trunk\n" {
		t.Fatalf("reverted %v", v)
	}
	c.fails("GET", "/nodes/pve-s1/network/vmbr7", nil, 400, "interface does not exist")
}
