package routeros

import (
	"net/netip"
	"strings"
)

// ipv6Route is /ipv6/route (RouterOS 7), from MikroTik's "IPv6 Route" and
// "IP Routing" manual pages: static routes are rows added by the user
// (distance 1, scope 30, target-scope 10, routing-table main); every
// address of /ipv6/address that is enabled also yields a dynamic connected
// route (its network, the interface as gateway, distance 0) that cannot be
// changed or removed. A gateway is an IPv6 address, an interface, or a
// link-local address with its interface (fe80::1%ether1), printed with the
// address compressed. Unconfirmed (doc.go): dst-address's default (::/0 as
// IPv4's 0.0.0.0/0), that the link-local fe80::/64 route of every interface
// is printed (not modelled), and that every static route prints active.
func ipv6Route() *menu {
	return &menu{
		path: "/ipv6/route", table: "ipv6/route",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fStr("dst-address").dflt("::/0"),
			fStr("gateway"),
			fInt("distance", "1", 1, 255),
			fStr("routing-table").dflt("main"),
			fBool("blackhole", "false").hidden(),
			fEnum("check-gateway", "", "bfd", "bfd-multihop", "none", "ping"),
			fInt("scope", "30", 0, 255),
			fInt("target-scope", "10", 0, 255),
			fRef("vrf-interface", refIface),
		}, tail()),
		check: func(d *db, r, old *row) error {
			if v, ok := r.vals["dst-address"]; ok {
				p, err := netip.ParsePrefix(v)
				if err != nil || !p.Addr().Is6() {
					return argErr("invalid value for argument dst-address")
				}
				r.vals["dst-address"] = p.Masked().String()
			}
			if v := r.vals["gateway"]; v != "" {
				addr, zone, hasZone := strings.Cut(v, "%")
				if a, err := netip.ParseAddr(addr); err == nil {
					if !a.Is6() {
						return argErr("invalid value for argument gateway")
					}
					addr = a.String()
				} else if hasZone {
					return argErr("invalid value for argument gateway")
				}
				if hasZone {
					addr += "%" + zone
				}
				r.vals["gateway"] = addr
			}
			if r.vals["blackhole"] == "true" && r.vals["gateway"] != "" {
				return failure("blackhole route can not have gateway")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			connected := strings.HasPrefix(r.dynKey, "connect|")
			p.set("static", boolStr(!r.dynamic))
			p.set("connect", boolStr(connected))
			p.set("active", boolStr(r.vals["disabled"] != "true"))
			p.set("inactive", boolStr(r.vals["disabled"] == "true"))
			if connected {
				p.set("immediate-gw", r.vals["gateway"])
			}
		},
	}
}

// refreshIPv6ConnectedRoutes keeps one dynamic connected route per enabled
// IPv6 address; routes that still exist keep their ids.
func (d *db) refreshIPv6ConnectedRoutes() {
	t, ok := d.tables["ipv6/route"]
	if !ok {
		return
	}
	want := map[string][2]string{}
	for _, a := range d.table("ipv6/address").rows {
		if a.vals["disabled"] == "true" {
			continue
		}
		p, err := netip.ParsePrefix(a.vals["address"])
		if err != nil {
			continue
		}
		dst := p.Masked().String()
		want["connect|"+dst+"|"+a.vals["interface"]] = [2]string{dst, a.vals["interface"]}
	}
	syncConnectedRoutes(t, want)
}
