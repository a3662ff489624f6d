package routeros

import "testing"

// /interface/ethernet takes the settings RouterOS 7.19 has for a port and
// prints them as RouterOS does (issue #13: mdix-enable,
// sfp-shutdown-temperature, full-duplex and disable-running-check were
// refused as unknown parameters).
func TestEthernetSettings(t *testing.T) {
	run := func(d *db, command string, attrs ...kv) error {
		t.Helper()
		return d.exec(request{command: command, attrs: attrs}).err
	}
	port := func(d *db, name string) props {
		t.Helper()
		res := d.exec(request{command: "/interface/ethernet/print"})
		for _, p := range res.rows {
			if v, _ := p.get("default-name"); v == name {
				return p
			}
		}
		t.Fatalf("no %s in %v", name, res.rows)
		return nil
	}
	has := func(p props, k, want string) {
		t.Helper()
		if v, ok := p.get(k); ok != (want != "") || v != want {
			t.Errorf("%s = %q (printed %v), want %q", k, v, ok, want)
		}
	}
	d := newDB("7.19.4", 4)
	if err := run(d, "/interface/ethernet/set", kv{"numbers", "ether1"}, kv{"mdix-enable", "no"}, kv{"sfp-shutdown-temperature", "90"},
		kv{"disable-running-check", "no"}, kv{"auto-negotiation", "no"}, kv{"speed", "100M-baseT-full"},
		kv{"sfp-rate-select", "low"}, kv{"sfp-ignore-rx-los", "yes"}, kv{"rx-flow-control", "auto"}); err != nil {
		t.Fatal(err)
	}
	p := port(d, "ether1")
	has(p, "mdix-enable", "false")
	has(p, "sfp-shutdown-temperature", "90C")
	has(p, "disable-running-check", "false")
	has(p, "speed", "100M-baseT-full")
	has(p, "sfp-ignore-rx-los", "true")
	has(p, "advertise", copperAdvertise)
	has(p, "poe-out", "")
	has(port(d, "ether2"), "mdix-enable", "")
	if err := run(d, "/interface/ethernet/set", kv{"numbers", "ether1"}, kv{"sfp-shutdown-temperature", "85C"}); err != nil {
		t.Errorf("85C: %v", err)
	}
	has(port(d, "ether1"), "sfp-shutdown-temperature", "85C")
	for _, c := range []struct {
		attr kv
		msg  string
	}{
		{kv{"full-duplex", "yes"}, "unknown parameter full-duplex"}, // replaced by link modes in 7.12
		{kv{"poe-out", "forced-on"}, "unknown parameter poe-out"},   // a CHR has no PoE
		{kv{"speed", "1Gbps"}, "input does not match any value of speed"},
		{kv{"sfp-shutdown-temperature", "hot"}, "invalid value for argument sfp-shutdown-temperature"},
	} {
		if err := run(d, "/interface/ethernet/set", kv{"numbers", "ether2"}, c.attr); err == nil || err.Error() != c.msg {
			t.Errorf("%v: %v, want %q", c.attr, err, c.msg)
		}
	}

	old := newDB("7.11.3", 2)
	if err := run(old, "/interface/ethernet/set", kv{"numbers", "ether1"}, kv{"full-duplex", "no"}, kv{"speed", "100Mbps"}); err != nil {
		t.Errorf("full-duplex on 7.11: %v", err)
	}
	has(port(old, "ether1"), "full-duplex", "false")
	has(port(old, "ether2"), "full-duplex", "true")
	has(port(old, "ether2"), "advertise", oldCopperAdvertise)
	if err := run(newDB("7.14.3", 2), "/interface/ethernet/set", kv{"numbers", "ether1"}, kv{"sfp-ignore-rx-los", "yes"}); err == nil {
		t.Error("sfp-ignore-rx-los accepted on 7.14 (it came in 7.15)")
	}

	poe := newDB("7.19.4", 3)
	poe.setPoE([]string{"ether2", "ether3"})
	has(port(poe, "ether2"), "poe-out", "auto-on")
	has(port(poe, "ether2"), "poe-priority", "10")
	has(port(poe, "ether1"), "poe-out", "")
	if err := run(poe, "/interface/ethernet/set", kv{"numbers", "ether2"}, kv{"poe-out", "off"}, kv{"poe-priority", "5"}); err != nil {
		t.Fatal(err)
	}
	has(port(poe, "ether2"), "poe-out", "off")
	has(port(poe, "ether2"), "poe-priority", "5")
	if err := run(poe, "/interface/ethernet/set", kv{"numbers", "ether1"}, kv{"poe-out", "forced-on"}); err == nil {
		t.Error("poe-out accepted on a port without PoE")
	}
}
