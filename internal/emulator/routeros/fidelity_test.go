package routeros

import "testing"

// Print shows what RouterOS 7.19 shows, also empty and default values, and
// accepts what it accepts (issue #13's observed differences).
func TestPrintFidelity(t *testing.T) {
	d := newDB("7.19.4", 4)
	must := func(command string, attrs ...kv) {
		t.Helper()
		if res := d.exec(request{command: command, attrs: attrs}); res.err != nil {
			t.Fatalf("%s: %v", command, res.err)
		}
	}
	printed := func(command string) props {
		t.Helper()
		res := d.exec(request{command: command})
		if res.err != nil || len(res.rows) == 0 {
			t.Fatalf("%s: %v %v", command, res.rows, res.err)
		}
		return res.rows[len(res.rows)-1]
	}
	has := func(p props, k, want string) {
		t.Helper()
		if v, ok := p.get(k); !ok || v != want {
			t.Errorf("%s = %q (printed %v), want %q", k, v, ok, want)
		}
	}
	must("/ip/dns/set", kv{"servers", "2606:4700:4700::1112,1.1.1.2"})
	has(printed("/ip/dns/print"), "servers", "2606:4700:4700::1112,1.1.1.2")
	has(printed("/ip/dns/print"), "use-doh-server", "")
	must("/ip/firewall/filter/add", kv{"chain", "input"}, kv{"action", "accept"})
	has(printed("/ip/firewall/filter/print"), "log-prefix", "")
	must("/interface/bridge/add", kv{"name", "br"})
	must("/interface/bridge/port/add", kv{"bridge", "br"}, kv{"interface", "ether2"})
	p := printed("/interface/bridge/port/print")
	has(p, "path-cost", "10")
	has(p, "internal-path-cost", "10")
	has(printed("/interface/ethernet/print"), "loop-protect-status", "off")
	must("/interface/bonding/add", kv{"name", "bond1"}, kv{"slaves", "ether3,ether4"}, kv{"mode", "802.3ad"}, kv{"link-monitoring", "arp"})
	has(printed("/interface/bonding/print"), ".about", "802.3ad mode must use mii link-monitoring")
	if res := d.exec(request{command: "/ip/firewall/filter/add", attrs: []kv{{"chain", "input"}, {"dst-port", "53"}}}); res.err == nil {
		t.Error("a rule with dst-port and no protocol was accepted")
	}
}
