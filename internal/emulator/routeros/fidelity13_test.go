package routeros

import (
	"strings"
	"testing"
)

// exec13 runs commands on a fresh router and fails the test on an error.
func exec13(t *testing.T, d *db, cmds ...[]string) {
	t.Helper()
	for _, c := range cmds {
		if res := d.exec(parseRequest(c)); res.err != nil {
			t.Fatalf("%v: %v", c, res.err)
		}
	}
}

// printed13 is the value of k in the row of command's print that has
// field=value.
func printed13(t *testing.T, d *db, command, field, value, k string) string {
	t.Helper()
	for _, p := range d.exec(request{command: command}).rows {
		if v, _ := p.get(field); v == value {
			got, _ := p.get(k)
			return got
		}
	}
	t.Fatalf("%s: no row with %s=%s", command, field, value)
	return ""
}

// current-tagged/current-untagged show the configured interfaces that are
// members of the row's bridge (itself and its enabled ports), with
// interface lists expanded, not a copy of tagged/untagged (issue #13).
func TestBridgeVLANCurrentMembers(t *testing.T) {
	d := newDB("7.19.4", 6)
	exec13(t, d,
		[]string{"/interface/bridge/add", "=name=br1", "=vlan-filtering=yes"},
		[]string{"/interface/bridge/add", "=name=br2"},
		[]string{"/interface/bridge/port/add", "=bridge=br1", "=interface=ether2"},
		[]string{"/interface/bridge/port/add", "=bridge=br1", "=interface=ether3", "=pvid=10"},
		[]string{"/interface/bridge/port/add", "=bridge=br1", "=interface=ether6", "=disabled=yes"},
		[]string{"/interface/bridge/port/add", "=bridge=br2", "=interface=ether4"},
		[]string{"/interface/list/add", "=name=trunks"},
		[]string{"/interface/list/member/add", "=list=trunks", "=interface=ether2"},
		[]string{"/interface/list/member/add", "=list=trunks", "=interface=ether5"},
		[]string{"/interface/bridge/vlan/add", "=bridge=br1", "=vlan-ids=10", "=tagged=br1,ether4,ether5,ether6", "=untagged=ether1"},
		[]string{"/interface/bridge/vlan/add", "=bridge=br1", "=vlan-ids=20", "=tagged=trunks"},
	)
	if got := printed13(t, d, "/interface/bridge/vlan/print", "vlan-ids", "10", "current-tagged"); got != "br1" {
		t.Errorf("vlan 10 current-tagged = %q, want br1 (ether4 is br2's port, ether5 and ether1 no port, ether6 disabled)", got)
	}
	if got := printed13(t, d, "/interface/bridge/vlan/print", "vlan-ids", "10", "current-untagged"); got != "ether3" {
		t.Errorf("vlan 10 current-untagged = %q, want ether3 (its pvid)", got)
	}
	if got := printed13(t, d, "/interface/bridge/vlan/print", "vlan-ids", "20", "current-tagged"); got != "ether2" {
		t.Errorf("vlan 20 current-tagged = %q, want ether2 (the list's member that is a port)", got)
	}
	if got := printed13(t, d, "/interface/bridge/vlan/print", "vlan-ids", "10", "tagged"); got != "br1,ether4,ether5,ether6" {
		t.Errorf("tagged = %q: the configured list must stay as given", got)
	}
}

// Cross-row refusals of issue #13 (wording unconfirmed, see doc.go).
func TestCrossRowRefusals(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup [][]string
		cmd   []string
		msg   string // "" means accepted
	}{
		{"vlan-id twice on a parent", [][]string{{"/interface/vlan/add", "=name=a", "=vlan-id=10", "=interface=ether1"}},
			[]string{"/interface/vlan/add", "=name=b", "=vlan-id=10", "=interface=ether1"}, "failure: vlan with such vlan-id already exists on this interface"},
		{"vlan-id moved onto a taken one", [][]string{{"/interface/vlan/add", "=name=a", "=vlan-id=10", "=interface=ether1"}, {"/interface/vlan/add", "=name=b", "=vlan-id=11", "=interface=ether1"}},
			[]string{"/interface/vlan/set", "=numbers=b", "=vlan-id=10"}, "failure: vlan with such vlan-id already exists on this interface"},
		{"same vlan-id on another parent", [][]string{{"/interface/vlan/add", "=name=a", "=vlan-id=10", "=interface=ether1"}},
			[]string{"/interface/vlan/add", "=name=b", "=vlan-id=10", "=interface=ether2"}, ""},
		{"same vlan-id as a service tag", [][]string{{"/interface/vlan/add", "=name=a", "=vlan-id=10", "=interface=ether1"}},
			[]string{"/interface/vlan/add", "=name=b", "=vlan-id=10", "=interface=ether1", "=use-service-tag=yes"}, ""},
		{"two dhcp servers on an interface", [][]string{{"/ip/dhcp-server/add", "=name=a", "=interface=ether1"}},
			[]string{"/ip/dhcp-server/add", "=name=b", "=interface=ether1"}, "failure: dhcp-server already exists on this interface"},
		{"relay 0.0.0.0 is the default", [][]string{{"/ip/dhcp-server/add", "=name=a", "=interface=ether1"}},
			[]string{"/ip/dhcp-server/add", "=name=b", "=interface=ether1", "=relay=0.0.0.0"}, "failure: dhcp-server already exists on this interface"},
		{"a relayed server shares the interface", [][]string{{"/ip/dhcp-server/add", "=name=a", "=interface=ether1"}},
			[]string{"/ip/dhcp-server/add", "=name=b", "=interface=ether1", "=relay=10.0.0.1"}, ""},
		{"network option must exist", nil,
			[]string{"/ip/dhcp-server/network/add", "=address=10.0.0.0/24", "=dhcp-option=nope"}, "input does not match any value of dhcp-option"},
		{"option set must exist", nil,
			[]string{"/ip/dhcp-server/network/add", "=address=10.0.0.0/24", "=dhcp-option-set=nope"}, "input does not match any value of dhcp-option-set"},
		{"option code range", nil,
			[]string{"/ip/dhcp-server/option/add", "=name=x", "=code=255"}, "value of code out of range (1..254)"},
		{"option needs a code", nil,
			[]string{"/ip/dhcp-server/option/add", "=name=x"}, "missing value(s) of argument(s) code"},
		{"option name taken", [][]string{{"/ip/dhcp-server/option/add", "=name=x", "=code=66"}},
			[]string{"/ip/dhcp-server/option/add", "=name=x", "=code=67"}, "failure: already have option with such name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDB("7.19.4", 4)
			exec13(t, d, tc.setup...)
			err := d.exec(parseRequest(tc.cmd)).err
			switch {
			case tc.msg == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.msg != "" && (err == nil || err.Error() != tc.msg):
				t.Fatalf("got %v, want %q", err, tc.msg)
			}
		})
	}
}

// DHCP options print their value as given and the bytes it stands for;
// networks, servers and leases refer to options and sets by name.
func TestDHCPOptions(t *testing.T) {
	d := newDB("7.19.4", 2)
	exec13(t, d,
		[]string{"/ip/dhcp-server/option/add", "=name=tftp", "=code=66", "=value='10.0.0.5'"},
		[]string{"/ip/dhcp-server/option/add", "=name=boot", "=code=67", "=value=s'pxelinux.0'", "=force=yes"},
		[]string{"/ip/dhcp-server/option/add", "=name=raw", "=code=43", "=value=0x0104C0A80001"},
		[]string{"/ip/dhcp-server/option/sets/add", "=name=pxe", "=options=tftp,boot"},
		[]string{"/ip/dhcp-server/network/add", "=address=10.0.0.0/24", "=dhcp-option=tftp,boot", "=dhcp-option-set=pxe"},
	)
	for name, want := range map[string]string{"tftp": "0a000005", "boot": "7078656c696e75782e30", "raw": "0104c0a80001"} {
		if got := printed13(t, d, "/ip/dhcp-server/option/print", "name", name, "raw-value"); got != want {
			t.Errorf("%s raw-value = %q, want %q", name, got, want)
		}
	}
	if got := printed13(t, d, "/ip/dhcp-server/option/print", "name", "boot", "force"); got != "true" {
		t.Errorf("force = %q", got)
	}
	exec13(t, d, []string{"/ip/dhcp-server/option/set", "=numbers=tftp", "=name=tftp-server"})
	if got := printed13(t, d, "/ip/dhcp-server/network/print", "address", "10.0.0.0/24", "dhcp-option"); got != "tftp-server,boot" {
		t.Errorf("network dhcp-option after a rename = %q", got)
	}
	if got := printed13(t, d, "/ip/dhcp-server/option/sets/print", "name", "pxe", "options"); !strings.HasPrefix(got, "tftp-server") {
		t.Errorf("set options after a rename = %q", got)
	}
}

// An /export of the new menus and settings loads whole.
func TestSeedIssue13Menus(t *testing.T) {
	d := newDB("7.19.4", 4)
	rep, err := d.loadExport(`/interface ethernet
set [ find default-name=ether1 ] mdix-enable=no sfp-shutdown-temperature=90C disable-running-check=no
/ip dhcp-server option
add code=66 name=tftp value="s'tftp.lab'"
/ip dhcp-server option sets
add name=pxe options=tftp
/ip dhcp-server network
add address=10.0.0.0/24 dhcp-option=tftp dhcp-option-set=pxe dns-none=yes wins-server=10.0.0.3
/ip dns static
add forward-to=10.1.1.1 regexp="^.+[.]corp\$" type=FWD
`, true)
	if err != nil || len(rep.Skipped) != 0 {
		t.Fatalf("load: %v, skipped %v", err, rep.Skipped)
	}
	if got := printed13(t, d, "/interface/ethernet/print", "default-name", "ether1", "sfp-shutdown-temperature"); got != "90C" {
		t.Errorf("sfp-shutdown-temperature = %q", got)
	}
	if got := printed13(t, d, "/ip/dhcp-server/network/print", "address", "10.0.0.0/24", "dhcp-option-set"); got != "pxe" {
		t.Errorf("dhcp-option-set = %q", got)
	}
}
