package routeros

import (
	"net/netip"
	"strings"
)

// ntpClientServers is /system/ntp/client/servers (RouterOS 7): static NTP
// servers by address or DNS name (MikroTik's "NTP" manual page; the
// arguments from 7.9-7.19 console inspect). Defaults as community.routeros
// records them: min-poll 6, max-poll 10, iburst yes, auth-key none.
// Unconfirmed: the poll range (RFC 5905's 3..17 here) and the refusal of a
// min-poll above max-poll (here "failure: min-poll must not be greater than
// max-poll"), whether an address may be listed twice (refused here with
// "failure: already have server with such address"), that auth-key must
// name an /system/ntp/key row (any name is taken here), and resolved-address
// (printed only for an IP address, as itself).
func ntpClientServers() *menu {
	return &menu{
		path: "/system/ntp/client/servers", table: "system/ntp/client/servers",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: []*field{
			fStr("address").req(),
			fInt("min-poll", "6", 3, 17),
			fInt("max-poll", "10", 3, 17),
			fBool("iburst", "true"),
			fStr("auth-key").dflt("none"),
			fStr("comment"),
			fBool("disabled", "false"),
		},
		check: func(d *db, r, old *row) error {
			a := r.vals["address"]
			if ip, err := netip.ParseAddr(a); err == nil {
				r.vals["address"] = ip.String()
			} else if !isDNSName(a) {
				return argErr("invalid value for argument address")
			}
			m := d.menus["/system/ntp/client/servers"]
			lo, _ := parseInt(m.value(r, "min-poll"))
			hi, _ := parseInt(m.value(r, "max-poll"))
			if lo > hi {
				return failure("min-poll must not be greater than max-poll")
			}
			for _, o := range d.table("system/ntp/client/servers").rows {
				if o.id != r.id && strings.EqualFold(o.vals["address"], r.vals["address"]) {
					return failure("already have server with such address")
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			if _, err := netip.ParseAddr(r.vals["address"]); err == nil {
				p.set("resolved-address", r.vals["address"])
			}
		},
	}
}

// isDNSName: letters, digits, hyphens and underscores in dot-separated labels.
func isDNSName(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return false
	}
	for _, l := range strings.Split(s, ".") {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if !(c == '-' || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				return false
			}
		}
	}
	return true
}
