package routeros_test

import (
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// TestAccBadInputIPv6: TestAccBadInput for the IPv6 firewall, route,
// DHCPv6 client and ND resources: each bad configuration fails (at plan
// time where it can) naming the attribute, and changes nothing on the
// router.
func TestAccBadInputIPv6(t *testing.T) {
	e := acctest.RouterOS(t)
	menus := []string{"/ipv6/firewall/address-list", "/ipv6/firewall/filter", "/ipv6/route", "/ipv6/dhcp-client", "/ipv6/nd"}
	res := badResource
	state := func() string { return menusState(t, e, menus) }
	cases := []badInput{
		{"address list v4", res("ipv6_firewall_address_list", `list = "l"
address = "10.0.0.0/8"`), `(?s)address.*not an IPv6 address, prefix`},
		{"filter v4 address", res("ipv6_firewall_filter", `chain = "input"
rule = [{ action = "drop", src_address = "10.0.0.0/8" }]`), `(?s)src_address.*not an IPv6 address or prefix`},
		{"filter tarpit", res("ipv6_firewall_filter", `chain = "input"
rule = [{ action = "tarpit" }]`), `(?s)action.*value must be one of`},
		{"filter ipv4 reject", res("ipv6_firewall_filter", `chain = "input"
rule = [{ action = "reject", reject_with = "icmp-net-prohibited" }]`), `(?s)reject_with.*value must be one of`},
		{"filter ports without protocol", res("ipv6_firewall_filter", `chain = "input"
rule = [{ action = "accept", protocol = "icmpv6", dst_port = "22" }]`), `(?s)dst_port\s+needs\s+protocol\s+tcp`},
		{"route v4 gateway", res("ipv6_route", `dst_address = "::/0"
gateway = "10.0.0.1"`), `(?s)gateway.*not an IPv6 address`},
		{"route blackhole gateway", res("ipv6_route", `dst_address = "2001:db8::/32"
blackhole = true
gateway = "ether1"`), `(?s)gateway.*a blackhole route has no\s+gateway`},
		{"dhcp client request", res("ipv6_dhcp_client", `interface = "ether1"
request = ["everything"]`), `(?s)request.*value must be one of`},
		{"dhcp client no pool", res("ipv6_dhcp_client", `interface = "ether1"
request = ["prefix"]`), `(?s)RouterOS rejected.*missing\s+value\(s\)\s+of\s+argument\(s\)\s+pool-name`},
		{"nd interval", res("ipv6_nd", `interface = "ether2"
ra_interval = "1s-2s"`), `(?s)ra_interval.*not an interval`},
		{"nd hop limit", res("ipv6_nd", `interface = "ether2"
hop_limit = "300"`), `(?s)hop_limit.*not\s+.unspecified.\s+or\s+a\s+number`},
	}
	runBadInputs(t, e, cases, state)
}
