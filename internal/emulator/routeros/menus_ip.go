package routeros

import (
	"cmp"
	"net/netip"
	"strconv"
	"strings"
)

func ipAddress() *menu {
	return &menu{
		path: "/ip/address", table: "ip/address",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fKind("address", kPrefix).req(),
			fKind("network", kIPv4),
			fRef("interface", refIface).req(),
		}, tail()),
		check: func(d *db, r, old *row) error {
			for _, o := range d.table("ip/address").rows {
				if o.id != r.id && o.vals["address"] == r.vals["address"] && o.vals["interface"] == r.vals["interface"] {
					return failure("already have such address")
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			if _, ok := r.vals["network"]; !ok {
				if pfx, ok := parsePrefix(r.vals["address"]); ok {
					p.set("network", pfx.Masked().Addr().String())
				}
			}
			p.set("actual-interface", r.vals["interface"])
			iface := d.ifaceByName(r.vals["interface"])
			p.set("invalid", strconv.FormatBool(iface == nil))
			p.set("slave", strconv.FormatBool(iface != nil && d.isSlave(r.vals["interface"])))
		},
	}
}

// poolSize counts the addresses in a ranges value.
func poolSize(ranges string) int {
	n := 0
	for _, it := range splitList(ranges) {
		if p, ok := parsePrefix(it); ok && strings.Contains(it, "/") {
			n += 1 << (32 - p.Bits())
			continue
		}
		lo, hi, isRange := strings.Cut(it, "-")
		a, _ := netip.ParseAddr(lo)
		b := a
		if isRange {
			b, _ = netip.ParseAddr(hi)
		}
		x, y := a.As4(), b.As4()
		u := func(v [4]byte) int { return int(v[0])<<24 | int(v[1])<<16 | int(v[2])<<8 | int(v[3]) }
		n += u(y) - u(x) + 1
	}
	return n
}

func ipPool() *menu {
	return &menu{
		path: "/ip/pool", table: "ip/pool", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have pool with such name",
		autoName: autoName("ip/pool", "pool"),
		fields: []*field{
			fStr("name").keep(),
			fKind("ranges", kRanges).req(),
			fRef("next-pool", refPool).also("none"),
			fStr("comment"),
		},
		compute: func(d *db, r *row, p *props) {
			n := poolSize(r.vals["ranges"])
			p.set("total", strconv.Itoa(n))
			p.set("used", "0")
			p.set("available", strconv.Itoa(n))
		},
	}
}

func dhcpServer() *menu {
	return &menu{
		path: "/ip/dhcp-server", table: "ip/dhcp-server", nameField: "name",
		canAdd: true, canRemove: true, showDynamic: true,
		uniqueName: "already have server with such name",
		autoName:   autoName("ip/dhcp-server", "dhcp"),
		fields: join([]*field{
			fStr("name").keep(),
			fRef("interface", refIface).req(),
			fRef("address-pool", refPool).dflt("static-only").also("static-only"),
			fDur("lease-time", "30m"),
			fEnum("authoritative", "yes", "after-10sec-delay", "after-2sec-delay", "no", "yes").hidden(),
			fEnum("bootp-support", "static", "dynamic", "none", "static"),
			fDur("bootp-lease-time", "forever").also("forever", "lease-time").hidden(),
			fBool("add-arp", "false").hidden(),
			fBool("always-broadcast", "false").hidden(),
			fBool("conflict-detection", "true").hidden(),
			fEnum("use-radius", "no", "accounting", "no", "yes"),
			fStr("lease-script"),
			fDur("delay-threshold", "none").also("none").hidden(),
			fKind("relay", kIPv4),
			fKind("server-address", kIPv4),
			fStr("address-lists"),
			fRef("dhcp-option-set", refDHCPOptionSet).also("none"),
			fBool("use-framed-as-classless", "true").hidden(),
			fBool("allow-dual-stack-queue", "true").hidden(),
			fBool("use-reconfigure", "false").hidden(),
		}, tail()),
		check: oneServerPerInterface,
		compute: func(d *db, r *row, p *props) {
			p.set("invalid", strconv.FormatBool(d.ifaceByName(r.vals["interface"]) == nil))
		},
	}
}

// oneServerPerInterface: RouterOS runs one DHCP server per interface
// (MikroTik's DHCP manual: "an individual server for each Ethernet-like
// interface"); servers for relayed requests share an interface when their
// relay addresses differ. The wording is unconfirmed.
func oneServerPerInterface(d *db, r, old *row) error {
	relay := func(x *row) string { return cmp.Or(x.vals["relay"], "0.0.0.0") }
	for _, o := range d.table("ip/dhcp-server").rows {
		if o.id != r.id && o.vals["interface"] == r.vals["interface"] && relay(o) == relay(r) {
			return failure("dhcp-server already exists on this interface")
		}
	}
	return nil
}

func dhcpNetwork() *menu {
	return &menu{
		path: "/ip/dhcp-server/network", table: "ip/dhcp-server/network",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: []*field{
			fKind("address", kPrefix).req(),
			fKind("gateway", kIPList),
			fInt("netmask", "", 0, 32),
			fKind("dns-server", kIPList),
			fStr("domain"),
			fKind("ntp-server", kIPList),
			fKind("wins-server", kIPList),
			fKind("next-server", kIPv4),
			fStr("boot-file-name"),
			fKind("caps-manager", kIPList),
			fRefList("dhcp-option", refDHCPOption),
			fRef("dhcp-option-set", refDHCPOptionSet).also("none"),
			fBool("dns-none", "false").hidden(),
			fStr("comment"),
		},
	}
}

func dhcpLease() *menu {
	return &menu{
		path: "/ip/dhcp-server/lease", table: "ip/dhcp-server/lease",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fKind("address", kIPv4).req(),
			fKind("mac-address", kMAC),
			fStr("client-id"),
			fRef("server", refDHCPServer).dflt("all").also("all").hidden(),
			fDur("lease-time", "0s").hidden(),
			fBool("block-access", "false").hidden(),
			fBool("always-broadcast", "false").hidden(),
			fBool("use-src-mac", "false").hidden(),
			fStr("address-lists"),
			fRefList("dhcp-option", refDHCPOption),
			fRef("dhcp-option-set", refDHCPOptionSet).also("none"),
			fStr("rate-limit"),
		}, tail()),
		check: func(d *db, r, old *row) error {
			for _, o := range d.table("ip/dhcp-server/lease").rows {
				if o.id == r.id || r.vals["mac-address"] == "" || o.vals["mac-address"] != r.vals["mac-address"] {
					continue
				}
				if o.vals["server"] == r.vals["server"] {
					return failure("already have static lease for this client")
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("status", "waiting")
			p.set("blocked", "false")
		},
	}
}

func ipDNS() *menu {
	return &menu{
		path: "/ip/dns", table: "ip/dns", singleton: true,
		fields: []*field{
			fKind("servers", kIPAnyList),
			fBool("allow-remote-requests", "false"),
			fInt("cache-size", "2048", 64, 4294967295),
			fDur("cache-max-ttl", "1w"),
			fInt("max-udp-packet-size", "4096", 50, 65507),
			fDur("query-server-timeout", "2s"),
			fDur("query-total-timeout", "10s"),
			fInt("max-concurrent-queries", "100", 1, 1000),
			fInt("max-concurrent-tcp-sessions", "20", 1, 1000),
			fStr("use-doh-server").shownEmpty(),
			fBool("verify-doh-cert", "false"),
			fInt("doh-max-server-connections", "5", 1, 1000),
			fInt("doh-max-concurrent-queries", "50", 1, 1000),
			fDur("doh-timeout", "5s"),
			fDur("address-list-extra-time", "0s"),
		},
		compute: func(d *db, r *row, p *props) {
			p.set("dynamic-servers", "")
			p.set("cache-used", "24")
		},
	}
}

func dnsStatic() *menu {
	return &menu{
		path: "/ip/dns/static", table: "ip/dns/static",
		canAdd: true, canRemove: true, canMove: true, showDynamic: true,
		fields: join([]*field{
			fStr("name"),
			fStr("regexp"),
			fEnum("type", "A", "A", "AAAA", "CNAME", "FWD", "MX", "NS", "NXDOMAIN", "SRV", "TXT").hidden(),
			fStr("address"),
			fStr("cname"),
			fStr("forward-to"),
			fStr("mx-exchange"),
			fInt("mx-preference", "", 0, 65535),
			fStr("ns"),
			fInt("srv-priority", "", 0, 65535),
			fInt("srv-weight", "", 0, 65535),
			fInt("srv-port", "", 0, 65535),
			fStr("srv-target"),
			fStr("text"),
			fDur("ttl", "1d"),
			fBool("match-subdomain", "false"),
			fStr("address-list"),
		}, tail()),
		check: func(d *db, r, old *row) error {
			_, hasName := r.vals["name"]
			_, hasRe := r.vals["regexp"]
			if !hasName && !hasRe {
				return errMissing("name")
			}
			if hasName && hasRe {
				return argErr("name and regexp can not be used together")
			}
			typ := r.vals["type"]
			if typ == "" {
				typ = "A"
			}
			need := map[string]string{"A": "address", "AAAA": "address", "CNAME": "cname", "FWD": "forward-to", "MX": "mx-exchange", "NS": "ns", "SRV": "srv-target", "TXT": "text"}[typ]
			if need != "" && r.vals[need] == "" {
				return errMissing(need)
			}
			if typ == "A" || typ == "AAAA" {
				a, err := netip.ParseAddr(r.vals["address"])
				if err != nil || a.Is4() != (typ == "A") {
					return argErr("invalid value for argument address")
				}
				r.vals["address"] = a.String()
			}
			for _, o := range d.table("ip/dns/static").rows {
				if o.id != r.id && o.vals["name"] == r.vals["name"] && o.vals["regexp"] == r.vals["regexp"] &&
					o.vals["type"] == r.vals["type"] && o.vals[need] == r.vals[need] {
					return failure("entry already exists")
				}
			}
			return nil
		},
	}
}
