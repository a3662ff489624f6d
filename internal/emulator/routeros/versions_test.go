package routeros

import "testing"

// The emulated version decides which parameters exist and their names.
func TestVersionedParameters(t *testing.T) {
	run := func(version, command string, attrs ...kv) error {
		d := newDB(version, 2)
		return d.exec(request{command: command, attrs: attrs}).err
	}
	if err := run("7.12.1", "/interface/vlan/add", kv{"name", "v"}, kv{"vlan-id", "10"}, kv{"interface", "ether1"}, kv{"mvrp", "yes"}); err == nil || err.Error() != "unknown parameter mvrp" {
		t.Errorf("mvrp on 7.12: %v, want unknown parameter", err)
	}
	if err := run("7.19.4", "/interface/vlan/add", kv{"name", "v"}, kv{"vlan-id", "10"}, kv{"interface", "ether1"}, kv{"mvrp", "yes"}); err != nil {
		t.Errorf("mvrp on 7.19: %v", err)
	}
	if err := run("7.0.5", "/ip/dhcp-server/add", kv{"name", "d"}, kv{"interface", "ether1"}, kv{"server-address", "10.0.0.1"}); err == nil {
		t.Errorf("server-address on 7.0.5 accepted; that version calls it src-address")
	}
	if err := run("7.0.5", "/ip/dhcp-server/add", kv{"name", "d"}, kv{"interface", "ether1"}, kv{"src-address", "10.0.0.1"}); err != nil {
		t.Errorf("src-address on 7.0.5: %v", err)
	}
	for _, c := range []struct{ a, b string }{{"7.9", "7.15"}, {"7.15", "7.15.1"}, {"7.12.1", "7.13"}} {
		if !versionBefore(c.a, c.b) || versionBefore(c.b, c.a) {
			t.Errorf("versionBefore(%s, %s) wrong", c.a, c.b)
		}
	}
}
