package routeros

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// normalizeIPv6Gateway spells a gateway's address part compressed
// (`2001:DB8::0:1` = `2001:db8::1`, `FE80::1%ether1` = `fe80::1%ether1`).
func normalizeIPv6Gateway(s string) string {
	addr, zone, hasZone := strings.Cut(s, "%")
	if a, err := netip.ParseAddr(addr); err == nil {
		addr = a.String()
	}
	if hasZone {
		return addr + "%" + zone
	}
	return addr
}

var checkIPv6Gateway = validate.StringFunc("IPv6 address, interface or address%interface", func(s string) error {
	addr, zone, hasZone := strings.Cut(s, "%")
	if a, err := netip.ParseAddr(addr); err == nil {
		if !a.Is6() {
			return fmt.Errorf("%q is not an IPv6 address", addr)
		}
		if hasZone {
			return nameErr(zone)
		}
		return nil
	}
	if hasZone || strings.Contains(addr, ":") {
		return fmt.Errorf("%q is not an IPv6 address, an interface or address%%interface (fe80::1%%ether1)", s)
	}
	return nameErr(addr)
})

var ipv6Route = menu.Spec{
	Type: "ipv6_route",
	Path: "/ipv6/route",
	Desc: "A static IPv6 route, e.g. the default route to the ISP's link-local gateway (`fe80::1%ether1`), or a blackhole for the " +
		"unused part of a delegated prefix. Addresses compare in their compressed form. Connected routes (one per address) and " +
		"routes from the DHCPv6 client, router advertisements or routing protocols are dynamic: neither managed nor imported.",
	Key: []string{"dst-address", "gateway", "routing-table"},
	Fields: []menu.Field{
		{Name: "dst-address", Mode: menu.Required, Normalize: normalizeIPv6Match, Desc: "Destination prefix, `::/0` for the default route",
			Check: []validator.String{validate.StringFunc("IPv6 prefix", checkIPv6Prefix)}},
		{Name: "gateway", Normalize: normalizeIPv6Gateway, Desc: "Next hop: an IPv6 address, an interface, or a link-local `address%interface`",
			Check: []validator.String{checkIPv6Gateway}},
		{Name: "distance", Kind: menu.Int, Default: "1", Min: 1, Max: 255, Desc: "Administrative distance; the lowest active route wins"},
		{Name: "routing-table", Default: "main", Desc: "Routing table", Check: []validator.String{checkName}},
		{Name: "blackhole", Kind: menu.Bool, Default: "false", Desc: "Silently drop traffic to the destination (no gateway)"},
		{Name: "check-gateway", Enum: []string{"bfd", "bfd-multihop", "none", "ping"}, Desc: "How the gateway's reachability is checked"},
		{Name: "scope", Kind: menu.Int, Default: "30", Min: 0, Max: 255, Desc: "Scope used in next-hop lookups"},
		{Name: "target-scope", Kind: menu.Int, Default: "10", Min: 0, Max: 255, Desc: "Largest scope of the routes the gateway may be resolved through"},
		{Name: "vrf-interface", Desc: "Interface whose VRF the gateway is looked up in", Check: []validator.String{checkName}},
		fComment, fDisabled,
	},
}

func init() { configChecks["ipv6_route"] = checkIPv6Route }

// checkIPv6Route: a blackhole has no gateway (the router refuses one).
func checkIPv6Route(v configValues) []configProblem {
	if v.known["blackhole"] == "yes" && v.known["gateway"] != "" {
		return []configProblem{{field: "gateway", summary: "Invalid IPv6 route",
			detail: "a blackhole route has no gateway (RouterOS: blackhole route can not have gateway)"}}
	}
	return nil
}
