package routeros_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// TestAccBadInputIPv6: TestAccBadInput for the IPv6 firewall, route,
// DHCPv6 client and ND resources: each bad configuration fails (at plan
// time where it can) naming the attribute, and changes nothing on the
// router.
func TestAccBadInputIPv6(t *testing.T) {
	e := acctest.RouterOS(t)
	menus := []string{"/ipv6/firewall/address-list", "/ipv6/firewall/filter", "/ipv6/route", "/ipv6/dhcp-client", "/ipv6/nd"}
	res := func(typ, body string) string {
		return fmt.Sprintf("resource %q \"bad\" {\n%s\n}\n", "homelab_routeros_"+typ, body)
	}
	state := func() string {
		var b strings.Builder
		for _, m := range menus {
			rows, err := e.Run(m + "/print")
			if err != nil {
				t.Fatalf("%s: %v", m, err)
			}
			fmt.Fprintf(&b, "%s %v\n", m, rows)
		}
		return b.String()
	}
	cases := []struct{ name, config, want string }{
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
