package routeros

import (
	"strings"
	"testing"
)

// TestValidationErrors drives each rule over the wire with raw words: setup
// runs in-process, then the command must trap with RouterOS's message.
func TestValidationErrors(t *testing.T) {
	vlan10 := []string{"/interface/vlan/add", "=name=vlan10", "=vlan-id=10", "=interface=ether1"}
	bridge := []string{"/interface/bridge/add", "=name=br1"}
	for _, tc := range []struct {
		name  string
		setup [][]string
		cmd   []string
		msg   string
	}{
		{"unknown parameter", nil, []string{"/interface/vlan/add", "=name=v", "=vlan-id=1", "=interface=ether1", "=vrf=main"}, "unknown parameter vrf"},
		{"read-only parameter", nil, []string{"/interface/vlan/add", "=name=v", "=vlan-id=1", "=interface=ether1", "=running=yes"}, "unknown parameter running"},
		{"missing required", nil, []string{"/interface/vlan/add", "=name=v", "=interface=ether1"}, "missing value(s) of argument(s) vlan-id"},
		{"vlan-id below range", nil, []string{"/interface/vlan/add", "=vlan-id=0", "=interface=ether1"}, "value of vlan-id out of range (1..4094)"},
		{"vlan-id above range", nil, []string{"/interface/vlan/add", "=vlan-id=4095", "=interface=ether1"}, "value of vlan-id out of range (1..4094)"},
		{"pvid range", [][]string{bridge}, []string{"/interface/bridge/port/add", "=bridge=br1", "=interface=ether2", "=pvid=5000"}, "value of pvid out of range (1..4094)"},
		{"invalid enum", nil, []string{"/interface/vlan/add", "=vlan-id=1", "=interface=ether1", "=arp=sometimes"}, "input does not match any value of arp"},
		{"invalid bool", nil, []string{"/interface/vlan/add", "=vlan-id=1", "=interface=ether1", "=disabled=maybe"}, "input does not match any value of disabled"},
		{"missing interface", nil, []string{"/interface/vlan/add", "=vlan-id=1", "=interface=ether99"}, "input does not match any value of interface"},
		{"bridge must be a bridge", nil, []string{"/interface/bridge/port/add", "=bridge=ether1", "=interface=ether2"}, "input does not match any value of bridge"},
		{"missing pool", nil, []string{"/ip/dhcp-server/add", "=interface=ether1", "=address-pool=nope"}, "input does not match any value of address-pool"},
		{"missing server", nil, []string{"/ip/dhcp-server/lease/add", "=address=10.0.0.5", "=server=nope"}, "input does not match any value of server"},
		{"duplicate interface name", [][]string{vlan10}, []string{"/interface/bridge/add", "=name=vlan10"}, "failure: already have interface with such name"},
		{"name of an ethernet", nil, []string{"/interface/vlan/add", "=name=ether3", "=vlan-id=1", "=interface=ether1"}, "failure: already have interface with such name"},
		{"rename onto another", [][]string{vlan10}, []string{"/interface/ethernet/set", "=numbers=ether2", "=name=vlan10"}, "failure: already have interface with such name"},
		{"duplicate address", [][]string{{"/ip/address/add", "=address=10.0.0.1/24", "=interface=ether1"}}, []string{"/ip/address/add", "=address=10.0.0.1/24", "=interface=ether1"}, "failure: already have such address"},
		{"tagged and untagged", [][]string{bridge}, []string{"/interface/bridge/vlan/add", "=bridge=br1", "=vlan-ids=10", "=tagged=ether2,ether3", "=untagged=ether3"}, "failure: interface cannot be in tagged and untagged at the same time"},
		{"interface twice in a list", [][]string{bridge}, []string{"/interface/bridge/vlan/add", "=bridge=br1", "=vlan-ids=10", "=tagged=ether2,ether2"}, "failure: each interface can appear only once"},
		{"already a bridge port", [][]string{bridge, {"/interface/bridge/add", "=name=br2"}, {"/interface/bridge/port/add", "=bridge=br1", "=interface=ether2"}},
			[]string{"/interface/bridge/port/add", "=bridge=br2", "=interface=ether2"}, "failure: device already added as bridge port"},
		{"bond slave as bridge port", [][]string{bridge, {"/interface/bonding/add", "=name=bond1", "=slaves=ether3,ether4"}},
			[]string{"/interface/bridge/port/add", "=bridge=br1", "=interface=ether3"}, "failure: can not add slave interface as bridge port"},
		{"bridge port as bond slave", [][]string{bridge, {"/interface/bridge/port/add", "=bridge=br1", "=interface=ether2"}},
			[]string{"/interface/bonding/add", "=slaves=ether2"}, "failure: device already added as bridge port"},
		{"slave of two bonds", [][]string{{"/interface/bonding/add", "=name=bond1", "=slaves=ether3,ether4"}},
			[]string{"/interface/bonding/add", "=slaves=ether4"}, "failure: interface is already slave"},
		{"no such item by id", nil, []string{"/interface/vlan/set", "=.id=*99", "=mtu=1400"}, "no such item"},
		{"no such item by name", nil, []string{"/interface/vlan/remove", "=numbers=nope"}, "no such item"},
		{"one bad item in a list", [][]string{vlan10}, []string{"/interface/vlan/remove", "=numbers=vlan10,nope"}, "no such item"},
		{"ethernet via vlan menu", nil, []string{"/interface/vlan/set", "=numbers=ether1", "=mtu=1400"}, "no such item"},
		{"ethernet cannot be added", nil, []string{"/interface/ethernet/add", "=name=ether11"}, "no such command or directory (add)"},
		{"ethernet cannot be removed", nil, []string{"/interface/ethernet/remove", "=numbers=ether1"}, "no such command or directory (remove)"},
		{"interfaces cannot be removed generically", nil, []string{"/interface/remove", "=numbers=ether1"}, "no such command or directory (remove)"},
		{"dynamic bridge vlan", [][]string{{"/interface/bridge/add", "=name=br1", "=vlan-filtering=yes"}},
			[]string{"/interface/bridge/vlan/set", "=numbers=*1", "=vlan-ids=5"}, "failure: can not change dynamic"},
		{"dynamic row removal", [][]string{{"/interface/bridge/add", "=name=br1", "=vlan-filtering=yes"}},
			[]string{"/interface/bridge/vlan/remove", "=numbers=*1"}, "failure: can not change dynamic"},
		{"builtin list", nil, []string{"/interface/list/remove", "=numbers=all"}, "failure: can not change builtin"},
		{"jump needs a target", nil, []string{"/ip/firewall/filter/add", "=chain=forward", "=action=jump"}, "missing value(s) of argument(s) jump-target"},
		{"nat action in filter", nil, []string{"/ip/firewall/filter/add", "=chain=forward", "=action=masquerade"}, "input does not match any value of action"},
		{"dns static without name", nil, []string{"/ip/dns/static/add", "=address=10.0.0.1"}, "missing value(s) of argument(s) name"},
		{"bad address", nil, []string{"/ip/address/add", "=address=10.0.0.300/24", "=interface=ether1"}, "invalid value for argument address"},
		{"bad mac", nil, []string{"/ip/dhcp-server/lease/add", "=address=10.0.0.5", "=mac-address=zz:00:00:00:00:00"}, "invalid value of mac-address, mac address required"},
		{"bad vlan-ids", [][]string{bridge}, []string{"/interface/bridge/vlan/add", "=bridge=br1", "=vlan-ids=10-5000"}, "value of vlan-ids out of range (1..4094)"},
		{"set without numbers", nil, []string{"/interface/vlan/set", "=mtu=1400"}, "missing value(s) of argument(s) numbers"},
		{"unknown print argument", nil, []string{"/interface/print", "=bogus="}, "unknown parameter bogus"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := client(t, Config{})
			for _, w := range tc.setup {
				mustRun(t, s, w...)
			}
			r := c.call(tc.cmd...)
			if got := trap(r); got != tc.msg {
				t.Fatalf("trap %q, want %q (reply %q)", got, tc.msg, r)
			}
			if last := r[len(r)-1]; last[0] != "!done" {
				t.Errorf("!trap not followed by !done: %q", r)
			}
		})
	}
}

func TestTrapCategories(t *testing.T) {
	_, c := client(t, Config{})
	for _, tc := range []struct {
		cmd []string
		cat string
	}{
		{[]string{"/interface/vlan/add", "=vlan-id=1", "=interface=nope"}, "1"},
		{[]string{"/interface/vlan/remove", "=numbers=*77"}, "0"},
		{[]string{"/interface/vlan/add", "=vlan-id=9999", "=interface=ether1"}, "1"},
	} {
		r := c.call(tc.cmd...)
		if got := attrs(r[0])["category"]; r[0][0] != "!trap" || got != tc.cat {
			t.Errorf("%q: %q, want category %s", tc.cmd, r[0], tc.cat)
		}
	}
}

// TestNormalisation checks how values print after add/set.
func TestNormalisation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup [][]string
		print []string
		want  map[string]string // "" means absent
	}{
		{"booleans print true/false", [][]string{{"/interface/bridge/add", "=name=br1", "=vlan-filtering=yes", "=fast-forward=no"}},
			[]string{"/interface/bridge/print"}, map[string]string{"vlan-filtering": "true", "fast-forward": "false", "disabled": "false", "igmp-snooping": "false"}},
		{"durations", [][]string{{"/interface/bridge/add", "=name=br1", "=ageing-time=24h", "=forward-delay=00:00:20", "=max-message-age=90"}},
			[]string{"/interface/bridge/print"}, map[string]string{"ageing-time": "1d", "forward-delay": "20s", "max-message-age": "1m30s"}},
		{"durations with days and clock", [][]string{{"/ip/dhcp-server/add", "=interface=ether1", "=lease-time=1d 00:10:00"}},
			[]string{"/ip/dhcp-server/print"}, map[string]string{"lease-time": "1d10m", "name": "dhcp1"}},
		{"dhcp defaults", [][]string{{"/ip/dhcp-server/add", "=interface=ether1", "=name=lan"}},
			[]string{"/ip/dhcp-server/print"}, map[string]string{"lease-time": "30m", "address-pool": "static-only", "authoritative": "", "bootp-support": "static", "comment": "", "invalid": "false", "dynamic": "false"}},
		{"hidden default stays hidden when set", [][]string{{"/ip/dhcp-server/add", "=interface=ether1", "=authoritative=yes"}},
			[]string{"/ip/dhcp-server/print"}, map[string]string{"authoritative": ""}},
		{"non-default shown", [][]string{{"/ip/dhcp-server/add", "=interface=ether1", "=authoritative=after-2sec-delay"}},
			[]string{"/ip/dhcp-server/print"}, map[string]string{"authoritative": "after-2sec-delay"}},
		{"mac upper-case", [][]string{{"/ip/dhcp-server/lease/add", "=address=10.0.0.5", "=mac-address=aa-bb-cc-dd-ee-0f"}},
			[]string{"/ip/dhcp-server/lease/print"}, map[string]string{"mac-address": "AA:BB:CC:DD:EE:0F", "server": "", "status": "waiting"}},
		{"network computed", [][]string{{"/ip/address/add", "=address=192.168.88.1/24", "=interface=ether2"}},
			[]string{"/ip/address/print"}, map[string]string{"address": "192.168.88.1/24", "network": "192.168.88.0", "actual-interface": "ether2", "invalid": "false", "comment": ""}},
		{"bare address is /32", [][]string{{"/ip/address/add", "=address=10.1.1.1", "=interface=ether2"}},
			[]string{"/ip/address/print"}, map[string]string{"address": "10.1.1.1/32", "network": "10.1.1.1"}},
		{"dns static type A omitted", [][]string{{"/ip/dns/static/add", "=name=nas.lan", "=address=10.0.0.2", "=type=A"}},
			[]string{"/ip/dns/static/print"}, map[string]string{"type": "", "ttl": "1d", "address": "10.0.0.2"}},
		{"dns static other type shown", [][]string{{"/ip/dns/static/add", "=name=www.lan", "=cname=nas.lan", "=type=CNAME", "=ttl=3600"}},
			[]string{"/ip/dns/static/print"}, map[string]string{"type": "CNAME", "ttl": "1h"}},
		{"vlan defaults and computed", [][]string{{"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1"}},
			[]string{"/interface/vlan/print"}, map[string]string{"mtu": "1500", "arp-timeout": "auto", "loop-protect": "default", "loop-protect-disable-time": "5m", "mac-address": "4C:5E:0C:00:00:01", "running": "true", "comment": ""}},
		{"vlan not running on disabled parent", [][]string{{"/interface/ethernet/disable", "=numbers=ether1"}, {"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1"}},
			[]string{"/interface/vlan/print"}, map[string]string{"running": "false"}},
		{"bridge computed", [][]string{{"/interface/bridge/add", "=name=br1"}},
			[]string{"/interface/bridge/print"}, map[string]string{"mtu": "auto", "actual-mtu": "1500", "l2mtu": "65535", "protocol-mode": "rstp", "priority": "0x8000", "pvid": "1", "ingress-filtering": "true", "admin-mac": ""}},
		{"hex priority", [][]string{{"/interface/bridge/add", "=name=br1", "=priority=4096"}},
			[]string{"/interface/bridge/print"}, map[string]string{"priority": "0x1000"}},
		{"enum case", [][]string{{"/interface/bonding/add", "=slaves=ether2,ether3", "=mode=802.3AD"}},
			[]string{"/interface/bonding/print"}, map[string]string{"mode": "802.3ad", "name": "bonding1", "slaves": "ether2,ether3", "mac-address": "4C:5E:0C:00:00:02"}},
		{"bridge port", [][]string{{"/interface/bridge/add", "=name=br1"}, {"/interface/bridge/port/add", "=bridge=br1", "=interface=ether2", "=edge=yes"}},
			[]string{"/interface/bridge/port/print"}, map[string]string{".id": "*0", "pvid": "1", "edge": "yes", "status": "in-bridge", "inactive": "false", "priority": "0x80"}},
		{"pool computed", [][]string{{"/ip/pool/add", "=name=p", "=ranges=10.0.0.10-10.0.0.19,10.0.1.0/30"}},
			[]string{"/ip/pool/print"}, map[string]string{"total": "14", "ranges": "10.0.0.10-10.0.0.19,10.0.1.0/30", "next-pool": ""}},
		{"identity singleton", [][]string{{"/system/identity/set", "=name=gw"}},
			[]string{"/system/identity/print"}, map[string]string{"name": "gw", ".id": ""}},
		{"dns singleton", [][]string{{"/ip/dns/set", "=servers=1.1.1.1, 8.8.8.8", "=allow-remote-requests=yes", "=cache-max-ttl=7d"}},
			[]string{"/ip/dns/print"}, map[string]string{"servers": "1.1.1.1,8.8.8.8", "allow-remote-requests": "true", "cache-max-ttl": "1w", "cache-size": "2048", ".id": ""}},
		{"resource", nil, []string{"/system/resource/print"}, map[string]string{"version": "7.19.4 (stable)", "board-name": "CHR", "architecture-name": "x86_64"}},
		{"unset with !", [][]string{{"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1", "=comment=x", "=mtu=1400"}, {"/interface/vlan/set", "=numbers=v", "=!comment=", "=!mtu="}},
			[]string{"/interface/vlan/print"}, map[string]string{"comment": "", "mtu": "1500"}},
		{"unset command", [][]string{{"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1", "=comment=x"}, {"/interface/vlan/unset", "=numbers=v", "=value-name=comment"}},
			[]string{"/interface/vlan/print"}, map[string]string{"comment": ""}},
		{"empty comment is unset", [][]string{{"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1", "=comment=x"}, {"/interface/vlan/set", "=numbers=v", "=comment="}},
			[]string{"/interface/vlan/print"}, map[string]string{"comment": ""}},
		{"disable and comment commands", [][]string{{"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1"}, {"/interface/vlan/disable", "=numbers=v"}, {"/interface/vlan/comment", "=numbers=v", "=comment=hi"}},
			[]string{"/interface/vlan/print"}, map[string]string{"disabled": "true", "running": "false", "comment": "hi"}},
		{"rename follows references", [][]string{{"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1"}, {"/interface/ethernet/set", "=numbers=ether1", "=name=wan"}},
			[]string{"/interface/vlan/print"}, map[string]string{"interface": "wan"}},
		{"removed reference shows id", [][]string{{"/interface/vlan/add", "=name=v", "=vlan-id=7", "=interface=ether1"}, {"/ip/address/add", "=address=10.0.0.1/24", "=interface=v"}, {"/interface/vlan/remove", "=numbers=v"}},
			[]string{"/ip/address/print"}, map[string]string{"interface": "*B", "invalid": "true"}},
		{"reference by id", [][]string{{"/ip/address/add", "=address=10.0.0.1/24", "=interface=*2"}},
			[]string{"/ip/address/print"}, map[string]string{"interface": "ether2"}},
		{"ethernet", [][]string{{"/interface/ethernet/set", "=numbers=ether3", "=mac-address=02:aa:bb:cc:dd:ee", "=comment=uplink"}},
			[]string{"/interface/ethernet/print", "?default-name=ether3"}, map[string]string{"name": "ether3", "mac-address": "02:AA:BB:CC:DD:EE", "orig-mac-address": "4C:5E:0C:00:00:03", "comment": "uplink", "mtu": "1500", "auto-negotiation": "true", "running": "true", "slave": "false"}},
		{"firewall", [][]string{{"/ip/firewall/filter/add", "=chain=input", "=in-interface=!ether1", "=log=yes"}},
			[]string{"/ip/firewall/filter/print"}, map[string]string{"action": "accept", "in-interface": "!ether1", "log": "true", "bytes": "0", "dst-address": ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := client(t, Config{})
			for _, w := range tc.setup {
				mustRun(t, s, w...)
			}
			r := rows(c.call(tc.print...))
			if len(r) != 1 {
				t.Fatalf("%d rows: %v", len(r), r)
			}
			for k, want := range tc.want {
				got, ok := r[0][k]
				if want == "" && ok {
					t.Errorf("%s = %q, want it omitted", k, got)
				} else if want != "" && got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestIDsIncreaseNeverReused(t *testing.T) {
	s, _ := client(t, Config{EthernetPorts: 4})
	vid := map[string]string{"a": "5", "b": "6", "c": "7"} // one vlan-id per parent
	add := func(name string) string {
		return mustRun(t, s, "/interface/vlan/add", "=name="+name, "=vlan-id="+vid[name], "=interface=ether1")[0]["ret"]
	}
	a := add("a")
	b := add("b")
	mustRun(t, s, "/interface/vlan/remove", "=numbers="+b)
	br := mustRun(t, s, "/interface/bridge/add", "=name=br")[0]["ret"]
	c := add("c")
	// one id space for all interfaces, after ether1..4
	if a != "*5" || b != "*6" || br != "*7" || c != "*8" {
		t.Fatalf("ids %s %s %s %s", a, b, br, c)
	}
	ip := mustRun(t, s, "/ip/address/add", "=address=10.0.0.1/24", "=interface=a")[0]["ret"]
	if ip != "*1" {
		t.Errorf("first address id %s", ip)
	}
	if got := mustRun(t, s, "/interface/print", "?type=vlan"); len(got) != 2 || got[0][".id"] != a || got[1]["type"] != "vlan" {
		t.Errorf("/interface view: %v", got)
	}
}

func TestItemAddressing(t *testing.T) {
	s, c := client(t, Config{})
	mustRun(t, s, "/interface/vlan/add", "=name=v1", "=vlan-id=1", "=interface=ether1")
	mustRun(t, s, "/interface/vlan/add", "=name=v2", "=vlan-id=2", "=interface=ether1")
	mustRun(t, s, "/interface/vlan/add", "=name=v3", "=vlan-id=3", "=interface=ether1")
	id3 := mustRun(t, s, "/interface/vlan/print", "?name=v3")[0][".id"]
	if msg := trap(c.call("/interface/vlan/set", "=numbers=v1,"+id3, "=mtu=1400")); msg != "" {
		t.Fatal(msg)
	}
	if msg := trap(c.call("/interface/vlan/set", "=.id=v2", "=mtu=1300")); msg != "" {
		t.Fatal(msg)
	}
	got := map[string]string{}
	for _, r := range mustRun(t, s, "/interface/vlan/print") {
		got[r["name"]] = r["mtu"]
	}
	if got["v1"] != "1400" || got["v2"] != "1300" || got["v3"] != "1400" {
		t.Fatalf("mtus %v", got)
	}
	// a failing item leaves every item unchanged
	c.call("/interface/vlan/set", "=numbers=v1,v2", "=name=same")
	if len(mustRun(t, s, "/interface/vlan/print", "?name=same")) != 0 {
		t.Error("partial set applied")
	}
	// /interface addresses every kind
	mustRun(t, s, "/interface/set", "=numbers=v1,ether5", "=comment=x")
	if n := len(mustRun(t, s, "/interface/print", "?comment=x")); n != 2 {
		t.Errorf("%d interfaces commented", n)
	}
}

func TestOrderedTables(t *testing.T) {
	s, c := client(t, Config{})
	add := func(words ...string) string {
		r := c.call(append([]string{"/ip/firewall/filter/add"}, words...)...)
		if msg := trap(r); msg != "" {
			t.Fatal(msg)
		}
		return attrs(r[len(r)-1])["ret"]
	}
	order := func() string {
		var out []string
		for _, r := range rows(c.call("/ip/firewall/filter/print", "=.proplist=comment")) {
			out = append(out, r["comment"])
		}
		return strings.Join(out, ",")
	}
	a := add("=chain=input", "=comment=a")
	b := add("=chain=input", "=comment=b")
	add("=chain=input", "=comment=c", "=place-before="+a)
	if got := order(); got != "c,a,b" {
		t.Fatalf("after place-before: %s", got)
	}
	c.call("/ip/firewall/filter/move", "=numbers="+b, "=destination="+a)
	if got := order(); got != "c,b,a" {
		t.Fatalf("after move: %s", got)
	}
	c.call("/ip/firewall/filter/move", "=numbers="+b)
	if got := order(); got != "c,a,b" {
		t.Fatalf("after move to end: %s", got)
	}
	if msg := trap(c.call("/ip/firewall/filter/add", "=chain=input", "=place-before=*99")); msg != "no such item" {
		t.Errorf("place-before a missing rule: %q", msg)
	}
	if msg := trap(c.call("/ip/address/move", "=numbers=*1")); msg != "no such command or directory (move)" {
		t.Errorf("move on an unordered table: %q", msg)
	}
	_ = s
}

func TestDynamicBridgeVLANs(t *testing.T) {
	s, _ := client(t, Config{})
	mustRun(t, s, "/interface/bridge/add", "=name=br1")
	mustRun(t, s, "/interface/bridge/port/add", "=bridge=br1", "=interface=ether2", "=pvid=10")
	mustRun(t, s, "/interface/bridge/port/add", "=bridge=br1", "=interface=ether3")
	if got := mustRun(t, s, "/interface/bridge/vlan/print"); len(got) != 0 {
		t.Fatalf("dynamic rows without vlan-filtering: %v", got)
	}
	mustRun(t, s, "/interface/bridge/set", "=numbers=br1", "=vlan-filtering=yes")
	got := mustRun(t, s, "/interface/bridge/vlan/print")
	want := map[string]string{"1": "br1,ether3", "10": "ether2"}
	if len(got) != 2 {
		t.Fatalf("dynamic rows: %v", got)
	}
	for _, r := range got {
		if r["dynamic"] != "true" || want[r["vlan-ids"]] != r["current-untagged"] {
			t.Errorf("row %v", r)
		}
	}
	// a static row covering vlan 10 absorbs the port
	mustRun(t, s, "/interface/bridge/vlan/add", "=bridge=br1", "=vlan-ids=10", "=tagged=br1")
	got = mustRun(t, s, "/interface/bridge/vlan/print", "?dynamic=false")
	if len(got) != 1 || got[0]["current-untagged"] != "ether2" || got[0]["current-tagged"] != "br1" {
		t.Fatalf("static row: %v", got)
	}
	if n := len(mustRun(t, s, "/interface/bridge/vlan/print", "?dynamic=true")); n != 1 {
		t.Errorf("%d dynamic rows left, want 1", n)
	}
}

func TestCopyFromAndGet(t *testing.T) {
	s, c := client(t, Config{})
	mustRun(t, s, "/ip/firewall/nat/add", "=chain=srcnat", "=action=masquerade", "=out-interface=ether1", "=comment=a")
	r := c.call("/ip/firewall/nat/add", "=copy-from=*1", "=comment=b")
	if msg := trap(r); msg != "" {
		t.Fatal(msg)
	}
	got := mustRun(t, s, "/ip/firewall/nat/print", "?comment=b")
	if len(got) != 1 || got[0]["action"] != "masquerade" || got[0]["out-interface"] != "ether1" || got[0][".id"] != "*2" {
		t.Fatalf("copy: %v", got)
	}
	if msg := trap(c.call("/ip/firewall/nat/add", "=copy-from=*9")); msg != "no such item" {
		t.Errorf("copy-from a missing rule: %q", msg)
	}
	r = c.call("/system/identity/get", "=value-name=name")
	if attrs(r[len(r)-1])["ret"] != "MikroTik" {
		t.Errorf("get on a singleton: %q", r)
	}
	if msg := trap(c.call("/interface/bridge/add", "=priority=70000")); msg != "value of priority out of range (0..65535)" {
		t.Errorf("hex range: %q", msg)
	}
}

func TestBuiltinInterfaceLists(t *testing.T) {
	s, _ := client(t, Config{})
	got := mustRun(t, s, "/interface/list/print")
	var names []string
	for _, r := range got {
		if r["builtin"] != "true" {
			t.Errorf("builtin list %v", r)
		}
		names = append(names, r["name"])
	}
	if strings.Join(names, ",") != "all,none,dynamic,static" || got[0][".id"] != "*2000010" {
		t.Fatalf("builtin lists %v", got)
	}
	id := mustRun(t, s, "/interface/list/add", "=name=LAN")[0]["ret"]
	if id != "*1" {
		t.Errorf("first list id %s", id)
	}
	mustRun(t, s, "/interface/list/member/add", "=list=LAN", "=interface=ether2")
	if _, err := s.Run("/interface/list/member/add", "=list=LAN", "=interface=ether2"); err == nil || err.Error() != "failure: already have such entry" {
		t.Errorf("duplicate member: %v", err)
	}
	if _, err := s.Run("/interface/list/add", "=name=lan"); err == nil || err.Error() != "failure: already have interface list with such name" {
		t.Errorf("duplicate list: %v", err)
	}
}
