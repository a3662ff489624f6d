package routeros

import "strings"

// ipv6DHCPClient is /ipv6/dhcp-client: DHCPv6 on the WAN uplink, asking
// for a delegated prefix (request=prefix, stored in the IPv6 pool
// pool-name, split into pool-prefix-length prefixes) and/or an address.
// From MikroTik's "DHCPv6 Client" manual page and community.routeros's
// recorded defaults: add-default-route no, default-route-distance 1,
// use-peer-dns yes, pool-prefix-length 64, prefix-hint ::/0. The emulator
// has no DHCPv6 server to talk to, so an enabled client stays
// "searching..." and prints no prefix or address (and adds no pool).
// Unconfirmed (doc.go): rapid-commit's default (yes here), the wording for
// a second client on an interface and for a prefix request without
// pool-name.
func ipv6DHCPClient() *menu {
	const table = "ipv6/dhcp-client"
	return &menu{
		path: "/ipv6/dhcp-client", table: table,
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fRef("interface", refIface).req(),
			fFlags("request", "address", "info", "prefix").req(),
			fStr("pool-name"),
			fInt("pool-prefix-length", "64", 0, 128),
			fStr("prefix-hint").dflt("::/0"),
			fBool("add-default-route", "false"),
			fInt("default-route-distance", "1", 0, 255),
			fBool("use-peer-dns", "true"),
			fBool("rapid-commit", "true"),
			fStr("script"),
		}, tail()),
		check: func(d *db, r, old *row) error {
			if strings.Contains(","+r.vals["request"]+",", ",prefix,") && r.vals["pool-name"] == "" {
				return errMissing("pool-name")
			}
			if h, ok := r.vals["prefix-hint"]; ok {
				out, ok := ipv6Match(h)
				if !ok {
					return argErr("invalid value for argument prefix-hint")
				}
				r.vals["prefix-hint"] = out
			}
			for _, o := range d.table(table).rows {
				if o.id != r.id && o.vals["interface"] == r.vals["interface"] {
					return failure("dhcpv6-client already exists on this interface")
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			status := "searching..."
			if r.vals["disabled"] == "true" {
				status = "stopped"
			}
			p.set("status", status)
			p.set("invalid", "false")
		},
	}
}
