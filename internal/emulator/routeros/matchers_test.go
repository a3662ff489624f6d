package routeros

import (
	"strings"
	"testing"
)

// TestMatcherRefusals drives each refused firewall value (and a too long
// interface name) over the wire: the command must trap with the message and
// change nothing.
func TestMatcherRefusals(t *testing.T) {
	filter := func(args ...string) []string {
		return append([]string{"/ip/firewall/filter/add", "=chain=forward"}, args...)
	}
	nat := func(args ...string) []string {
		return append([]string{"/ip/firewall/nat/add", "=chain=dstnat", "=action=dst-nat"}, args...)
	}
	long := strings.Repeat("n", maxIfaceName+1)
	for _, tc := range []struct {
		name string
		cmd  []string
		msg  string
	}{
		{"dst-port above range", filter("=protocol=tcp", "=dst-port=99999"), "value of dst-port out of range (0..65535)"},
		{"src-port above range", filter("=protocol=udp", "=src-port=65536"), "value of src-port out of range (0..65535)"},
		{"port range end above range", filter("=protocol=tcp", "=dst-port=1024-70000"), "value of dst-port out of range (0..65535)"},
		{"port in a list above range", filter("=protocol=tcp", "=dst-port=22,443,99999"), "value of dst-port out of range (0..65535)"},
		{"port not a number", filter("=protocol=tcp", "=dst-port=ssh"), "invalid value for argument dst-port"},
		{"negative port", filter("=protocol=tcp", "=dst-port=-1"), "invalid value for argument dst-port"},
		{"reversed port range", filter("=protocol=tcp", "=src-port=2000-1000"), "invalid value for argument src-port"},
		{"port with blanks only", filter("=protocol=tcp", "=port=,"), "invalid value for argument port"},
		{"nat to-ports above range", nat("=protocol=tcp", "=to-addresses=10.0.0.2", "=to-ports=70000"), "value of to-ports out of range (0..65535)"},
		{"unknown protocol", filter("=protocol=tcpx"), "input does not match any value of protocol"},
		{"protocol number above range", filter("=protocol=256"), "value of protocol out of range (0..255)"},
		{"negated unknown protocol", filter("=protocol=!tcpx"), "input does not match any value of protocol"},
		{"unknown connection-state", filter("=connection-state=establishedx"), "input does not match any value of connection-state"},
		{"one bad connection-state in a list", filter("=connection-state=established,relatedx"), "input does not match any value of connection-state"},
		{"unknown connection-nat-state", filter("=connection-nat-state=masq"), "input does not match any value of connection-nat-state"},
		{"prefix longer than 32", filter("=src-address=10.0.0.0/40"), "invalid value for argument src-address"},
		{"bad octet", filter("=dst-address=10.0.0.256"), "invalid value for argument dst-address"},
		{"reversed address range", nat("=dst-address=10.0.0.9-10.0.0.1", "=to-addresses=10.0.0.2"), "invalid value for argument dst-address"},
		{"non-contiguous netmask", filter("=src-address=10.0.0.0/255.0.255.0"), "invalid value for argument src-address"},
		{"negated garbage", filter("=src-address=!nope"), "invalid value for argument src-address"},
		{"nat to-addresses negated", nat("=to-addresses=!10.0.0.2"), "invalid value for argument to-addresses"},
		{"nat to-addresses prefix", nat("=to-addresses=10.0.0.0/33"), "invalid value for argument to-addresses"},
		{"bridge name too long", []string{"/interface/bridge/add", "=name=" + long}, "invalid value for argument name"},
		{"vlan name too long", []string{"/interface/vlan/add", "=name=" + long, "=vlan-id=10", "=interface=ether1"}, "invalid value for argument name"},
		{"ethernet renamed too long", []string{"/interface/ethernet/set", "=numbers=ether2", "=name=" + long}, "invalid value for argument name"},
		{"interface renamed too long", []string{"/interface/set", "=numbers=ether2", "=name=" + long}, "invalid value for argument name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, c := client(t, Config{})
			r := c.call(tc.cmd...)
			if got := trap(r); got != tc.msg {
				t.Fatalf("trap %q, want %q (reply %q)", got, tc.msg, r)
			}
			if last := r[len(r)-1]; last[0] != "!done" {
				t.Errorf("!trap not followed by !done: %q", r)
			}
			for _, m := range []string{"/ip/firewall/filter/print", "/ip/firewall/nat/print", "/interface/bridge/print", "/interface/vlan/print"} {
				if got := mustRun(t, s, m); len(got) != 0 {
					t.Errorf("%s after a refused command: %v", m, got)
				}
			}
			if got := mustRun(t, s, "/interface/print", "?name=ether2"); len(got) != 1 {
				t.Errorf("ether2 renamed by a refused command")
			}
		})
	}
}

// TestMatcherValues: the valid forms are accepted and printed back.
func TestMatcherValues(t *testing.T) {
	for _, tc := range []struct {
		cmd  []string
		prop string
		want string
	}{
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=tcp", "=dst-port=22,443,8000-8080"}, "dst-port", "22,443,8000-8080"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=tcp", "=dst-port=0-65535"}, "dst-port", "0-65535"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=tcp", "=src-port=1024-65535"}, "src-port", "1024-65535"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=udp", "=port=!53"}, "port", "!53"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=6"}, "protocol", "6"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=0"}, "protocol", "0"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=255"}, "protocol", "255"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=icmp"}, "protocol", "icmp"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=UDP"}, "protocol", "udp"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=!icmp"}, "protocol", "!icmp"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=protocol=ipsec-esp"}, "protocol", "ipsec-esp"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=connection-state=established,related,untracked"}, "connection-state", "established,related,untracked"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=connection-state=invalid"}, "connection-state", "invalid"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=connection-state=!established,related"}, "connection-state", "!established,related"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=connection-state=new"}, "connection-state", "new"},
		{[]string{"/ip/firewall/filter/add", "=chain=forward", "=connection-nat-state=!dstnat"}, "connection-nat-state", "!dstnat"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=src-address=!10.0.0.0/8"}, "src-address", "!10.0.0.0/8"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=src-address=10.0.0.1-10.0.0.9"}, "src-address", "10.0.0.1-10.0.0.9"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=src-address=10.0.0.1"}, "src-address", "10.0.0.1"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=dst-address=0.0.0.0/0"}, "dst-address", "0.0.0.0/0"},
		{[]string{"/ip/firewall/filter/add", "=chain=input", "=dst-address=192.168.0.0/255.255.0.0"}, "dst-address", "192.168.0.0/255.255.0.0"},
		{[]string{"/ip/firewall/nat/add", "=chain=dstnat", "=action=dst-nat", "=protocol=tcp", "=dst-port=443", "=to-addresses=10.10.20.10", "=to-ports=8443"}, "to-ports", "8443"},
		{[]string{"/ip/firewall/nat/add", "=chain=srcnat", "=action=src-nat", "=to-addresses=203.0.113.10-203.0.113.20", "=to-ports=1024-65535"}, "to-addresses", "203.0.113.10-203.0.113.20"},
		{[]string{"/interface/bridge/add", "=name=" + strings.Repeat("b", maxIfaceName)}, "name", strings.Repeat("b", maxIfaceName)},
		{[]string{"/interface/vlan/add", "=name=vlan-management-net", "=vlan-id=10", "=interface=ether1"}, "name", "vlan-management-net"},
	} {
		t.Run(strings.Join(tc.cmd[1:], " "), func(t *testing.T) {
			s, c := client(t, Config{})
			r := c.call(tc.cmd...)
			if msg := trap(r); msg != "" {
				t.Fatalf("refused: %q", msg)
			}
			menu, _ := splitCommand(tc.cmd[0])
			got := mustRun(t, s, menu+"/print")
			if len(got) != 1 || got[0][tc.prop] != tc.want {
				t.Fatalf("printed %v, want %s=%s", got, tc.prop, tc.want)
			}
		})
	}
	// an empty value unsets the matcher, as before
	s, _ := client(t, Config{})
	id := mustRun(t, s, "/ip/firewall/filter/add", "=chain=input", "=protocol=tcp", "=dst-port=22")[0]["ret"]
	mustRun(t, s, "/ip/firewall/filter/set", "=numbers="+id, "=dst-port=")
	if got := mustRun(t, s, "/ip/firewall/filter/print")[0]; got["dst-port"] != "" {
		t.Errorf("dst-port after setting it empty: %q", got["dst-port"])
	}
}
