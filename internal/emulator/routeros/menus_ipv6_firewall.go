package routeros

import (
	"net/netip"
	"strings"
)

// The IPv6 firewall, from MikroTik's "IPv6 Firewall Filter" and "Address
// list" manual pages: the same ordered rule tables as IPv4 with IPv6
// addresses (an address or a prefix, 0..128; no ranges), protocol icmpv6,
// and reject-with taking the ICMPv6 errors icmp-no-route (the manual's
// default), icmp-admin-prohibited, icmp-not-neighbour,
// icmp-address-unreachable, icmp-port-unreachable,
// icmp-err-src-routing-header, icmp-headers-too-long or tcp-reset. The
// manual marks fasttrack-connection and tarpit IPv4 only. Addresses are
// printed in their compressed lower-case form. Unconfirmed (doc.go): that
// RouterOS keeps a prefix's host bits and a /128 as given, that reject-with
// is omitted from print when unset, and the wording for a bad address.

var ipv6FilterActions = []string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "jump", "log", "passthrough", "reject", "return"}

var ipv6RejectWith = []string{"icmp-no-route", "icmp-admin-prohibited", "icmp-not-neighbour", "icmp-address-unreachable",
	"icmp-port-unreachable", "icmp-err-src-routing-header", "icmp-headers-too-long", "tcp-reset"}

// ipv6Firewall is the IPv4 rule table with IPv6 address matchers and
// without the IPv4-only matchers (fragment, ttl: IPv6 has no such header
// fields).
func ipv6Firewall(path, table string, actions []string, extra ...*field) *menu {
	m := firewall(path, table, actions, extra...)
	kept := m.fields[:0]
	for _, f := range m.fields {
		switch f.name {
		case "fragment", "ttl":
			continue
		case "src-address", "dst-address":
			f = fStr(f.name).negatable()
		}
		kept = append(kept, f)
	}
	m.fields = kept
	check := m.check
	m.check = func(d *db, r, old *row) error {
		for _, name := range []string{"src-address", "dst-address"} {
			v, ok := r.vals[name]
			if !ok || v == "" {
				continue
			}
			neg := ""
			if strings.HasPrefix(v, "!") {
				neg, v = "!", v[1:]
			}
			out, ok := ipv6Match(v)
			if !ok {
				return argErr("invalid value for argument %s", name)
			}
			r.vals[name] = neg + out
		}
		return check(d, r, old)
	}
	return m
}

// ipv6Match is an IPv6 address or prefix in its printed form.
func ipv6Match(v string) (string, bool) {
	if p, err := netip.ParsePrefix(v); err == nil && p.Addr().Is6() && p.Addr().Zone() == "" {
		return p.String(), true
	}
	if a, err := netip.ParseAddr(v); err == nil && a.Is6() && a.Zone() == "" {
		return a.String(), true
	}
	return "", false
}

// ipv6AddressList is /ipv6/firewall/address-list: as the IPv4 lists, with
// an IPv6 address, a prefix or a DNS name per entry.
func ipv6AddressList() *menu {
	const table = "ipv6/firewall/address-list"
	return &menu{
		path: "/ipv6/firewall/address-list", table: table,
		canAdd: true, canRemove: true,
		fields: join([]*field{
			fStr("list").req(),
			fStr("address").req(),
			fDur("timeout", ""),
		}, tail()),
		check: func(d *db, r, old *row) error {
			a := r.vals["address"]
			if out, ok := ipv6Match(a); ok {
				r.vals["address"] = out
			} else if !dnsName.MatchString(a) || strings.Trim(a, "0123456789.") == "" {
				return argErr("invalid value for argument address")
			}
			return addressListEntryCheck(d, table, r)
		},
		compute: addressListCompute,
	}
}

func ipv6FirewallMenus() []*menu {
	return []*menu{
		ipv6AddressList(),
		ipv6Firewall("/ipv6/firewall/filter", "ipv6/firewall/filter", ipv6FilterActions,
			fEnum("reject-with", "", ipv6RejectWith...)),
	}
}
