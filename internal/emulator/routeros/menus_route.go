package routeros

import (
	"sort"
	"strings"
)

// ipRoute is /ip/route (RouterOS 7). Static routes are rows added by the
// user; every address of an enabled interface also yields a dynamic
// connected route (dst-address its network, gateway the interface,
// distance 0), which cannot be changed or removed. Values and defaults from
// MikroTik's "IP Routing" manual page: distance 1, scope 30, target-scope
// 10, routing-table main. Unconfirmed: RouterOS validates that a gateway
// is reachable only through `check-gateway` and marks unreachable routes
// inactive; the emulator prints every static route active.
func ipRoute() *menu {
	return &menu{
		path: "/ip/route", table: "ip/route",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fKind("dst-address", kPrefix).dflt("0.0.0.0/0"),
			fKind("gateway", kList),
			fInt("distance", "1", 1, 255),
			fStr("routing-table").dflt("main"),
			fBool("blackhole", "false").hidden(),
			fEnum("check-gateway", "", "arp", "bfd", "bfd-multihop", "none", "ping"),
			fInt("scope", "30", 0, 255),
			fInt("target-scope", "10", 0, 255),
			fKind("pref-src", kIPv4),
			fRef("vrf-interface", refIface),
			fBool("suppress-hw-offload", "false"),
		}, tail()),
		check: func(d *db, r, old *row) error {
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

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// refreshConnectedRoutes keeps one dynamic connected route per enabled
// address; routes that still exist keep their ids.
func (d *db) refreshConnectedRoutes() {
	t := d.table("ip/route")
	want := map[string][2]string{}
	for _, a := range d.table("ip/address").rows {
		if a.vals["disabled"] == "true" {
			continue
		}
		pfx, ok := parsePrefix(a.vals["address"])
		if !ok {
			continue
		}
		dst := pfx.Masked().String()
		want["connect|"+dst+"|"+a.vals["interface"]] = [2]string{dst, a.vals["interface"]}
	}
	syncConnectedRoutes(t, want)
}

// syncConnectedRoutes makes a route table's dynamic rows exactly want
// (key -> destination, interface): rows no longer wanted go, rows kept keep
// their ids, new ones are added in key order. IPv4 and IPv6 share it.
func syncConnectedRoutes(t *table, want map[string][2]string) {
	kept := t.rows[:0]
	have := map[string]bool{}
	for _, r := range t.rows {
		if !r.dynamic {
			kept = append(kept, r)
			continue
		}
		if _, ok := want[r.dynKey]; ok {
			have[r.dynKey] = true
			kept = append(kept, r)
		}
	}
	t.rows = kept
	var keys []string
	for k := range want {
		if !have[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		w := want[k]
		t.rows = append(t.rows, &row{id: t.alloc(), dynamic: true, dynKey: k, vals: map[string]string{
			"dst-address": w[0], "gateway": w[1], "distance": "0", "scope": "10", "routing-table": "main",
		}})
	}
}

// dhcpClient is /ip/dhcp-client, the WAN uplink's address. The emulator
// has no DHCP server to talk to, so an enabled client stays "searching..."
// and prints no address or gateway. One client per interface: RouterOS's
// wording for a second one is unconfirmed.
func dhcpClient() *menu {
	return &menu{
		path: "/ip/dhcp-client", table: "ip/dhcp-client",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fRef("interface", refIface).req(),
			fEnum("add-default-route", "yes", "no", "special-classless", "yes"),
			fInt("default-route-distance", "1", 0, 255),
			fBool("use-peer-dns", "true"),
			fBool("use-peer-ntp", "true"),
			fStr("dhcp-options").dflt("hostname,clientid"),
			fStr("script"),
		}, tail()),
		check: func(d *db, r, old *row) error {
			for _, o := range d.table("ip/dhcp-client").rows {
				if o.id != r.id && o.vals["interface"] == r.vals["interface"] {
					return failure("dhcp-client already exists on this interface")
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
