package routeros

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// The IPv6 firewall: MikroTik's "IPv6 Firewall Filter" and "Address list"
// manual pages. Rules and lists work as the IPv4 ones; addresses are IPv6
// (an address or a prefix, no ranges), compared in their compressed form.

// parseIPv6Match parses an IPv6 address or prefix (no "!").
func parseIPv6Match(s string) (string, bool) {
	if p, err := netip.ParsePrefix(s); err == nil && p.Addr().Is6() && p.Addr().Zone() == "" {
		return p.String(), true
	}
	if a, err := netip.ParseAddr(s); err == nil && a.Is6() && a.Zone() == "" {
		return a.String(), true
	}
	return "", false
}

// normalizeIPv6Match spells an IPv6 address or prefix, "!" kept, in its
// compressed lower-case form (`2001:DB8:0::1/64` = `2001:db8::1/64`); other
// values are left as they are.
func normalizeIPv6Match(s string) string {
	neg := ""
	if strings.HasPrefix(s, "!") {
		neg, s = "!", s[1:]
	}
	if out, ok := parseIPv6Match(s); ok {
		return neg + out
	}
	return neg + s
}

var checkIPv6Match = validate.StringFunc("IPv6 address or prefix, `!` negates", func(s string) error {
	if _, ok := parseIPv6Match(negatable(s)); !ok {
		return fmt.Errorf("%q is not an IPv6 address or prefix such as 2001:db8::1 or 2001:db8::/32", s)
	}
	return nil
})

var checkIPv6ListAddress = validate.StringFunc("IPv6 address, prefix or DNS name", func(s string) error {
	if _, ok := parseIPv6Match(s); ok {
		return nil
	}
	if !strings.Contains(s, ":") && dnsNameRe.MatchString(s) && !allDigitsAndDots(s) {
		return nil
	}
	return fmt.Errorf("%q is not an IPv6 address, prefix (e.g. 2001:db8::/32) or DNS name", s)
})

var ipv6FirewallAddressList = menu.Spec{
	Type: "ipv6_firewall_address_list",
	Path: "/ipv6/firewall/address-list",
	Desc: "One entry of an IPv6 firewall address list, e.g. `2001:db8:10::/64` in list `mgmt`, which IPv6 filter rules match " +
		"with `src_address_list`/`dst_address_list`. Addresses compare in their compressed form (`2001:DB8:0::/32` is " +
		"`2001:db8::/32`). Refreshing any number of entries costs one print of the menu per run. Entries the router adds " +
		"itself (from rules with `add-src-to-address-list`, or resolved from a DNS-name entry) are dynamic and neither managed " +
		"nor imported. An entry with a `timeout` counts down (the time left is not drift) and, once expired, is added again by " +
		"the next apply; import such an entry by its `.id`.",
	Key: []string{"list", "address"},
	Fields: []menu.Field{
		{Name: "list", Mode: menu.Required, Desc: "List name", Check: []validator.String{checkName}},
		{Name: "address", Mode: menu.Required, Normalize: normalizeIPv6Match, Desc: "IPv6 address, prefix or DNS name",
			Check: []validator.String{checkIPv6ListAddress}},
		{Name: "timeout", Kind: menu.Duration, Desc: "Lifetime from when the entry is added; the router counts it down",
			Countdown: true},
		fComment, fDisabled,
	},
}

// ipv6FilterRule is the IPv4 rule's fields with IPv6 addresses, without
// the IPv4-only matchers (fragment, ttl), and with the ICMPv6 rejects.
func ipv6FilterRule() []menu.Field {
	actions := []string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "jump", "log", "passthrough", "reject", "return"}
	var out []menu.Field
	for _, f := range firewallRule(actions, menu.Field{Name: "reject-with",
		Desc: "ICMPv6 error or `tcp-reset` sent by action `reject` (the router's default: `icmp-no-route`)",
		Enum: []string{"icmp-address-unreachable", "icmp-admin-prohibited", "icmp-err-src-routing-header", "icmp-headers-too-long",
			"icmp-no-route", "icmp-not-neighbour", "icmp-port-unreachable", "tcp-reset"}}) {
		switch f.Name {
		case "fragment", "ttl":
			continue
		case "src-address", "dst-address":
			f.Desc = strings.Replace(f.Desc, "address, network or range", "IPv6 address or prefix", 1)
			f.Check = []validator.String{checkIPv6Match}
			f.Normalize = normalizeIPv6Match
		case "protocol":
			f.Desc = "IP protocol, a name such as `tcp`, `udp`, `icmpv6` or a number 0-255; `!` negates"
		case "icmp-options":
			f.Desc = "ICMPv6 type:code, e.g. `128:0` (echo request) or `1:0-255`"
		}
		out = append(out, f)
	}
	return out
}

func init() { chainSpecs = append(chainSpecs, ipv6FirewallFilter) }

var ipv6FirewallFilter = menu.ChainSpec{
	Type:  "ipv6_firewall_filter",
	Path:  "/ipv6/firewall/filter",
	Check: checkRule,
	Desc: "The rules of one IPv6 firewall filter chain (`input`, `forward`, `output` or a custom chain), in order. Keep " +
		"`icmpv6` open: neighbour discovery and path MTU discovery travel over it.",
	Rule: ipv6FilterRule(),
}
