package routeros_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// snapshotMenus are printed before and after each bad input to prove the
// emulator's state did not change.
var snapshotMenus = []string{"/interface", "/interface/bridge/port", "/interface/bridge/vlan", "/interface/list",
	"/interface/list/member", "/ip/address", "/ip/pool", "/ip/dhcp-server", "/ip/dhcp-server/network",
	"/ip/dhcp-server/lease", "/ip/dns", "/ip/dns/static", "/system/identity"}

func snapshot(t *testing.T, e *acctest.RouterOSEmulator) string {
	t.Helper()
	return menusState(t, e, snapshotMenus, "running")
}

// menusState is every row of menus, one sorted line each, without the
// properties skip names.
func menusState(t *testing.T, e *acctest.RouterOSEmulator, menus []string, skip ...string) string {
	t.Helper()
	var b strings.Builder
	for _, m := range menus {
		rows, err := e.Run(m + "/print")
		if err != nil {
			t.Fatalf("%s/print: %v", m, err)
		}
		for _, r := range rows {
			keys := make([]string, 0, len(r))
			for k := range r {
				if !slices.Contains(skip, k) {
					keys = append(keys, k)
				}
			}
			sort.Strings(keys)
			fmt.Fprint(&b, m)
			for _, k := range keys {
				fmt.Fprintf(&b, " %s=%s", k, r[k])
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// badInput is a configuration that must fail with an error matching want.
type badInput struct{ name, config, want string }

// badResource is a resource "bad" of homelab_routeros_<typ> with body.
func badResource(typ, body string) string {
	return fmt.Sprintf("resource %q \"bad\" {\n%s\n}\n", "homelab_routeros_"+typ, body)
}

// runBadInputs plans and applies each bad input, expecting its error, and
// fails when state (the router's menus as printed) changed.
func runBadInputs(t *testing.T, e *acctest.RouterOSEmulator, cases []badInput, state func() string) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := state()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(e.Block()) + c.config,
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
			if after := state(); after != before {
				t.Errorf("emulator state changed:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// TestAccBadInput: each invalid configuration fails at plan time, or at apply
// with a diagnostic naming the resource and the attribute, and leaves the
// router unchanged.
func TestAccBadInput(t *testing.T) {
	e := acctest.RouterOS(t)
	res := badResource
	vlan := func(extra string) string {
		return res("interface_vlan", "name = \"v\"\nvlan_id = 10\ninterface = \"ether2\"\n"+extra)
	}
	cases := []badInput{
		{"vlan id 0", res("interface_vlan", `name = "v"
vlan_id = 0
interface = "ether2"`), `vlan_id value must be between 1 and 4094`},
		{"vlan id 4095", res("interface_vlan", `name = "v"
vlan_id = 4095
interface = "ether2"`), `vlan_id value must be between 1 and 4094`},
		{"vlan without interface", res("interface_vlan", `name = "v"
vlan_id = 10`), `"interface" is required`},
		{"vlan empty name", res("interface_vlan", `name = ""
vlan_id = 10
interface = "ether2"`), `(?s)name.*at least 1`},
		{"vlan arp enum", vlan(`arp = "bogus"`), `(?s)arp.*value must be one of`},
		{"vlan arp_timeout", vlan(`arp_timeout = "5 minutes"`), `(?s)arp_timeout.*not a RouterOS duration`},
		{"vlan mtu", vlan(`mtu = 10`), `mtu value must be between 32 and 65535`},
		{"vlan unknown parent", res("interface_vlan", `name = "v"
vlan_id = 10
interface = "ether99"`), `(?s)RouterOS rejected interface.*homelab_routeros_interface_vlan "v".*interface = "ether99".*input does not match any value of interface`},
		{"bridge protocol", res("interface_bridge", `name = "b"
protocol_mode = "spanning"`), `(?s)protocol_mode.*value must be one of`},
		{"bridge pvid", res("interface_bridge", `name = "b"
pvid = 5000`), `pvid value must be between 1 and 4094`},
		{"bridge admin mac", res("interface_bridge", `name = "b"
admin_mac = "zz:00:00:00:00:01"`), `(?s)admin_mac.*not a MAC address`},
		{"bridge priority", res("interface_bridge", `name = "b"
priority = 70000`), `priority value must be between 0 and 65535`},
		{"bridge port frame types", res("interface_bridge_port", `bridge = "x"
interface = "ether2"
frame_types = "tagged"`), `(?s)frame_types.*value must be one of`},
		{"bridge port unknown bridge", res("interface_bridge_port", `bridge = "no-such-bridge"
interface = "ether2"`), `(?s)RouterOS rejected bridge.*homelab_routeros_interface_bridge_port.*bridge = "no-such-bridge"`},
		{"address without prefix", res("ip_address", `address = "10.10.0.1"
interface = "ether2"`), `(?s)address.*not an IPv4 address with prefix length`},
		{"address bad octet", res("ip_address", `address = "300.10.0.1/24"
interface = "ether2"`), `(?s)address.*not an IPv4 address with prefix length`},
		{"pool reversed range", res("ip_pool", `name = "p"
ranges = ["10.10.0.200-10.10.0.100"]`), `(?s)ranges.*ends before it starts`},
		{"pool not a range", res("ip_pool", `name = "p"
ranges = ["everything"]`), `(?s)ranges.*not an IPv4 range`},
		{"dhcp lease time", res("ip_dhcp_server", `name = "d"
interface = "ether2"
lease_time = "forever-ish"`), `(?s)lease_time.*not a RouterOS duration`},
		{"dhcp authoritative", res("ip_dhcp_server", `name = "d"
interface = "ether2"
authoritative = "maybe"`), `(?s)authoritative.*value must be one of`},
		{"dhcp network host bits", res("ip_dhcp_server_network", `address = "10.10.0.1/24"`), `(?s)address.*has host bits set`},
		{"dhcp network gateway", res("ip_dhcp_server_network", `address = "10.10.0.0/24"
gateway = "10.10.0.300"`), `(?s)gateway.*not an IPv4 address`},
		{"dhcp network dns name", res("ip_dhcp_server_network", `address = "10.10.0.0/24"
dns_server = ["dns.google"]`), `(?s)dns_server.*not an IPv4 address`},
		{"dns servers", res("ip_dns", `servers = ["1.1.1"]`), `(?s)servers.*not an IPv4 or IPv6 address`},
		{"dns cache size", res("ip_dns", `cache_size = 10`), `cache_size value must be between 64`},
		{"dns record type", res("ip_dns_record", `name = "vault.rachuna-net.pl"
type = "CAA"`), `(?s)type.*value must be one of`},
		{"dns record name", res("ip_dns_record", `name = "bad name!"`), `(?s)name.*not a DNS name`},
		{"dns record without its type's field", res("ip_dns_record", `name = "files.lab.example"
type = "MX"`), `a type MX record needs\s+mx_exchange`},
		{"dns record A with IPv6", res("ip_dns_record", `name = "nas.lab.example"
address = "2001:db8::5"`), `(?s)address.*must be an IPv4 address`},
		{"dns record name and regexp", res("ip_dns_record", `name = "nas.lab.example"
regexp = "nas"
address = "10.0.0.5"`), `(?s)regexp.*set name or regexp, not\s+both`},
		{"dhcp option code", res("ip_dhcp_server_option", `name = "o"
code = 255`), `code value must be between 1 and 254`},
		{"ethernet speed", res("interface_ethernet", `default_name = "ether2"
speed = "1000M"`), `(?s)speed.*value must be one of`},
		{"ethernet full duplex on 7.19", res("interface_ethernet", `default_name = "ether2"
full_duplex = false`), `(?s)RouterOS rejected full_duplex.*unknown parameter full-duplex`},
		{"ethernet poe without poe", res("interface_ethernet", `default_name = "ether2"
poe_out = "off"`), `(?s)RouterOS rejected poe_out.*unknown parameter poe-out`},
		{"lease mac", res("ip_dhcp_server_lease", `mac_address = "02:00:00:aa:bb"
address = "192.168.88.6"`), `(?s)mac_address.*not a MAC address`},
		{"lease address", res("ip_dhcp_server_lease", `mac_address = "02:00:00:aa:bb:06"
address = "192.168.88"`), `(?s)address.*not an IPv4 address`},
		{"bonding mode", res("interface_bonding", `name = "bond"
slaves = ["ether9"]
mode = "lacp"`), `(?s)mode.*value must be one of`},
		{"ethernet unknown port", res("interface_ethernet", `default_name = "ether99"`), `(?s)default_name.*has no row\s+with default-name=ether99`},
		{"bridge vlan ids out of range", res("interface_bridge_vlan", `bridge = "bridge-x"
vlan_ids = ["10"]`), `(?s)RouterOS rejected bridge.*bridge-x`},
		{"identity empty", res("system_identity", `name = ""`), `(?s)name.*at least 1`},
		{"firewall action", res("ip_firewall_filter", `chain = "forward"
rule = [{ action = "allow" }]`), `(?s)rule\[0\]\.action.*value must be one of`},
		{"firewall unknown interface", res("ip_firewall_filter", `chain = "forward"
rule = [{ action = "drop", in_interface = "ether99" }]`), `(?s)homelab_routeros_ip_firewall_filter "forward", rule\[0\]:.*in-interface`},
		{"firewall jump without target at plan", res("ip_firewall_filter", `chain = "forward"
rule = [{ action = "accept" }, { action = "jump" }]`), `(?s)rule\[1\]\.jump_target.*needs jump_target`},
		{"nat dst-nat without target", res("ip_firewall_nat", `chain = "dstnat"
rule = [{ action = "dst-nat", protocol = "tcp", dst_port = "443" }]`), `(?s)rule\[0\]\.to_addresses.*needs to_addresses`},
		{"nat empty chain", res("ip_firewall_nat", `chain = ""
rule = [{ action = "masquerade" }]`), `(?s)chain string length must be between 1`},
		{"firewall port out of range", res("ip_firewall_filter", `chain = "input"
rule = [{ action = "accept", protocol = "tcp", dst_port = "99999" }]`), `(?s)rule\[0\]\.dst_port.*not a port 0-65535`},
		{"firewall reversed port range", res("ip_firewall_filter", `chain = "input"
rule = [{ action = "accept", protocol = "tcp", src_port = "2000-1000" }]`), `(?s)rule\[0\]\.src_port.*ends before it starts`},
		{"firewall protocol", res("ip_firewall_filter", `chain = "input"
rule = [{ action = "accept", protocol = "tcpx" }]`), `(?s)rule\[0\]\.protocol.*not an IP protocol`},
		{"firewall protocol number", res("ip_firewall_filter", `chain = "input"
rule = [{ action = "accept", protocol = "256" }]`), `(?s)rule\[0\]\.protocol.*not an IP protocol`},
		{"firewall connection state", res("ip_firewall_filter", `chain = "input"
rule = [{ action = "accept" }, { action = "accept", connection_state = ["established", "establishedx"] }]`), `(?s)rule\[1\]\.connection_state.*value must be one\s+of`},
		{"firewall prefix length", res("ip_firewall_filter", `chain = "input"
rule = [{ action = "drop", src_address = "10.0.0.0/40" }]`), `(?s)rule\[0\]\.src_address.*prefix\s+0-32`},
		{"nat address range", res("ip_firewall_nat", `chain = "srcnat"
rule = [{ action = "masquerade", dst_address = "10.0.0.9-10.0.0.1" }]`), `(?s)rule\[0\]\.dst_address.*ends before it starts`},
		{"bridge name too long", res("interface_bridge", `name = "`+strings.Repeat("b", 100000)+`"`), `(?s)name.*too long`},
	}
	runBadInputs(t, e, cases, func() string { return snapshot(t, e) })
	if len(cases) < 25 {
		t.Fatalf("only %d bad inputs", len(cases))
	}
}

// TestAccLogHasNoPassword runs an apply with TF_LOG=trace and checks that
// the RouterOS password never reaches the log while commands do.
func TestAccLogHasNoPassword(t *testing.T) {
	e := acctest.RouterOS(t)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	// The password comes from the environment, as in CI: the test harness
	// itself logs the configuration it writes.
	t.Setenv("ROUTEROS_PASSWORD", e.Password)
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(fmt.Sprintf("  routeros {\n    url = %q\n    username = %q\n  }", "api://"+e.Addr(), e.Username)) + `
resource "homelab_routeros_system_identity" "r" {
  name = "router.rachuna-net.pl"
}
resource "homelab_routeros_interface_vlan" "v" {
  name      = "ether2-vlan-vms-dmz"
  vlan_id   = 20
  interface = "ether2"
}
`,
		}},
	})
	b, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(b)
	if !strings.Contains(log, "RouterOS command") {
		t.Fatalf("the trace log (%d bytes) has no RouterOS command: tracing not captured", len(log))
	}
	if strings.Contains(log, e.Password) {
		i := strings.Index(log, e.Password)
		t.Fatalf("the trace log contains the RouterOS password: ...%s...", log[max(0, i-300):min(len(log), i+100)])
	}
}

// TestAccTLS runs resources over apis:// with the emulator's CA, and checks
// that a certificate not signed by the given CA is refused with a clear
// error unless insecure = true.
func TestAccTLS(t *testing.T) {
	e := acctest.RouterOS(t)
	resources := `
resource "homelab_routeros_interface_bridge" "b" {
  name = "bridge-storage"
}
resource "homelab_routeros_interface_bonding" "bond" {
  name   = "bonding-storage"
  slaves = ["ether9", "ether10"]
  mode   = "802.3ad"
}
resource "homelab_routeros_interface_bridge_port" "p" {
  bridge    = homelab_routeros_interface_bridge.b.name
  interface = homelab_routeros_interface_bonding.bond.name
}
resource "homelab_routeros_ip_address" "a" {
  address   = "10.10.30.1/24"
  interface = homelab_routeros_interface_bridge.b.name
}
`
	tlsBlock := func(ca string, insecure bool) string {
		return fmt.Sprintf("  routeros {\n    url = %q\n    username = %q\n    password = %q\n    ca_certificate = %q\n    insecure = %v\n  }",
			"apis://"+e.TLSAddr(), e.Username, e.Password, ca, insecure)
	}
	wrongCA, insecure := tlsBlock(otherCAPEM(t), false), tlsBlock(otherCAPEM(t), true)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderConfig(e.TLSBlock()) + resources,
				Check: func(*terraform.State) error {
					rows, err := e.Run("/interface/bridge/port/print", "?interface=bonding-storage")
					if err != nil || len(rows) != 1 {
						return fmt.Errorf("bridge port over TLS: %v %v", rows, err)
					}
					return nil
				},
			},
			{Config: acctest.ProviderConfig(e.TLSBlock()) + resources, ResourceName: "homelab_routeros_ip_address.a", ImportState: true, ImportStateVerify: true},
			{
				Config:      acctest.ProviderConfig(wrongCA) + resources,
				ExpectError: regexp.MustCompile(`(?s)certificate is not signed by the CA\s+given in ca_certificate`),
			},
			{Config: acctest.ProviderConfig(insecure) + resources},
		},
	})
}
