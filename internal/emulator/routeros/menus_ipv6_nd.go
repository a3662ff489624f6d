package routeros

import (
	"strings"
	"time"
)

// ipv6ND is /ipv6/nd, router advertisements per interface, from MikroTik's
// "IPv6 Neighbor Discovery" manual page (argument types and ranges) and
// community.routeros's recorded defaults: ra-interval 3m20s-10m (min
// 3s..20m50s, max 4s..30m), ra-delay 3s, ra-lifetime 30m (or none),
// ra-preference medium, hop-limit/mtu/reachable-time/retransmit-interval
// unspecified, advertise-mac-address and advertise-dns yes,
// managed-address-configuration and other-configuration no. A fresh
// router has one builtin row, interface=all (flag "*", printed
// default=true), which can be changed but not removed. Unconfirmed
// (doc.go): the wordings for removing the default row, for a second row of
// an interface and for moving the default row off `all`; ra-interval's
// printed form when given in seconds (normalised here to 3m20s-10m style).
func ipv6ND() *menu {
	const table = "ipv6/nd"
	return &menu{
		path: "/ipv6/nd", table: table,
		canAdd: true, canRemove: true,
		fields: join([]*field{
			fStr("interface").req(),
			fStr("ra-interval").dflt("3m20s-10m"),
			fDur("ra-delay", "3s"),
			fDur("ra-lifetime", "30m").also("none"),
			fEnum("ra-preference", "medium", "low", "medium", "high"),
			fInt("hop-limit", "unspecified", 0, 255).also("unspecified"),
			fInt("mtu", "unspecified", 0, 4294967295).also("unspecified"),
			fDur("reachable-time", "unspecified").also("unspecified"),
			fDur("retransmit-interval", "unspecified").also("unspecified"),
			fBool("advertise-mac-address", "true"),
			fBool("advertise-dns", "true").also("self"),
			fBool("managed-address-configuration", "false"),
			fBool("other-configuration", "false"),
		}, tail()),
		check: func(d *db, r, old *row) error {
			iface := r.vals["interface"]
			if old != nil && old.vals["interface"] == "all" && iface != "all" {
				return failure("can not change interface of default entry")
			}
			if iface != "all" && d.ifaceByName(iface) == nil {
				return errNoMatch("interface")
			}
			if v, ok := r.vals["ra-interval"]; ok {
				out, ok := raInterval(v)
				if !ok {
					return argErr("invalid value for argument ra-interval")
				}
				r.vals["ra-interval"] = out
			}
			for _, o := range d.table(table).rows {
				if o.id != r.id && o.vals["interface"] == iface {
					return failure("entry for this interface already exists")
				}
			}
			return nil
		},
		removable: func(r *row) error {
			if r.vals["interface"] == "all" {
				return failure("can not remove default entry")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("default", boolStr(r.vals["interface"] == "all"))
			p.set("invalid", "false")
		},
	}
}

// raInterval checks min-max and prints both ends as durations.
func raInterval(v string) (string, bool) {
	lo, hi, ok := strings.Cut(v, "-")
	if !ok {
		return "", false
	}
	a, ok1 := parseDuration(lo)
	b, ok2 := parseDuration(hi)
	if !ok1 || !ok2 || a < 3*time.Second || a > 1250*time.Second || b < 4*time.Second || b > 1800*time.Second || a > b {
		return "", false
	}
	return formatDuration(a) + "-" + formatDuration(b), true
}

// seedIPv6ND adds the builtin interface=all row.
func seedIPv6ND(d *db) {
	t := d.table("ipv6/nd")
	t.rows = append(t.rows, &row{id: t.alloc(), vals: map[string]string{"interface": "all"}})
}
