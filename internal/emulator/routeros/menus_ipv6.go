package routeros

import (
	"net/netip"
	"strings"
)

// IPv6 basics, from MikroTik's "IPv6 Settings", "IPv6 Address" and "IPv6
// Pool" manual pages, the 7.9-7.19 console inspect and community.routeros's
// recorded defaults. /ipv6/settings is a settings menu (IPv6 on and
// forwarding; redirects and router advertisements accepted only when not
// forwarding). An /ipv6/address with from-pool takes its network from the
// first free prefix of the pool and keeps the host part it was given
// (::1/64); with eui-64 and a zero host part it takes the EUI-64 of the
// interface's MAC. Print shows the whole address. An /ipv6/pool hands out
// prefix-length prefixes of its prefix. Unconfirmed: the wording for a pool
// whose prefix-length is shorter than its prefix (here "failure: prefix
// length must not be shorter than prefix"), for an exhausted pool ("failure:
// no free prefix in pool"), that a pool's prefix is stored masked, and
// auto-link-local's printed default (true here); dynamic link-local
// addresses are not modelled.

func ipv6Settings() *menu {
	return &menu{
		path: "/ipv6/settings", table: "ipv6/settings", singleton: true,
		fields: []*field{
			fBool("disable-ipv6", "false"),
			fBool("forward", "true"),
			fEnum("accept-redirects", "yes-if-forwarding-disabled", "no", "yes-if-forwarding-disabled"),
			fEnum("accept-router-advertisements", "yes-if-forwarding-disabled", "no", "yes", "yes-if-forwarding-disabled"),
			fInt("max-neighbor-entries", "8192", 0, 4294967295),
			fEnum("multipath-hash-policy", "l3", "l3", "l3-inner", "l4"),
			fBool("allow-fast-path", "true"),
		},
	}
}

func ipv6Pool() *menu {
	return &menu{
		path: "/ipv6/pool", table: "ipv6/pool", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have pool with such name",
		fields: []*field{
			fStr("name").req(),
			fStr("prefix").req(),
			fInt("prefix-length", "", 1, 128).req(),
			fStr("comment"),
		},
		check: func(d *db, r, old *row) error {
			p, err := netip.ParsePrefix(r.vals["prefix"])
			if err != nil || !p.Addr().Is6() {
				return argErr("invalid value for argument prefix")
			}
			r.vals["prefix"] = p.Masked().String()
			if n, _ := parseInt(r.vals["prefix-length"]); int(n) < p.Bits() {
				return failure("prefix length must not be shorter than prefix")
			}
			return nil
		},
		showDynamic: true,
	}
}

func ipv6Address() *menu {
	return &menu{
		path: "/ipv6/address", table: "ipv6/address",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: []*field{
			fStr("address").req(),
			fStr("from-pool"),
			fRef("interface", refIface).req(),
			fBool("eui-64", "false"),
			fBool("advertise", "true"),
			fBool("no-dad", "false"),
			fBool("auto-link-local", "true"),
			fStr("comment"),
			fBool("disabled", "false"),
		},
		check: checkIPv6Address,
		compute: func(d *db, r *row, p *props) {
			p.set("actual-interface", r.vals["interface"])
			a, _ := netip.ParsePrefix(r.vals["address"])
			p.set("link-local", boolStr(a.Addr().IsLinkLocalUnicast()))
			p.set("global", boolStr(a.Addr().IsGlobalUnicast() && !a.Addr().IsLinkLocalUnicast()))
			p.set("invalid", "false")
			p.set("deprecated", "false")
		},
	}
}

// checkIPv6Address validates an address and fills in what from-pool and
// eui-64 give it.
func checkIPv6Address(d *db, r, old *row) error {
	a, err := netip.ParsePrefix(r.vals["address"])
	if err != nil || !a.Addr().Is6() {
		return argErr("invalid value for argument address")
	}
	if pool := r.vals["from-pool"]; pool != "" {
		pr := d.find(d.menus["/ipv6/pool"], pool)
		if pr == nil {
			return errNoMatch("from-pool")
		}
		network, ok := freePrefix(d, pr, r)
		if !ok {
			return failure("no free prefix in pool")
		}
		a = netip.PrefixFrom(orBytes(network.Addr(), hostPart(a)), a.Bits())
	}
	if r.vals["eui-64"] == "true" && hostPart(a) == ([16]byte{}) {
		if mac, ok := parseMAC(d.macOf(d.ifaceByName(r.vals["interface"]), 0)); ok {
			a = netip.PrefixFrom(orBytes(a.Masked().Addr(), eui64(mac)), a.Bits())
		}
	}
	r.vals["address"] = a.String()
	return nil
}

// freePrefix is the pool's prefix for row r: the one it already has, or the
// first no other address of the pool uses.
func freePrefix(d *db, pool, r *row) (netip.Prefix, bool) {
	p, _ := netip.ParsePrefix(pool.vals["prefix"])
	n, _ := parseInt(pool.vals["prefix-length"])
	used := map[netip.Prefix]bool{}
	for _, o := range d.table("ipv6/address").rows {
		if o.id != r.id && o.vals["from-pool"] == pool.vals["name"] {
			if oa, err := netip.ParsePrefix(o.vals["address"]); err == nil {
				used[netip.PrefixFrom(oa.Addr(), int(n)).Masked()] = true
			}
		}
	}
	if cur, err := netip.ParsePrefix(r.vals["address"]); err == nil {
		mine := netip.PrefixFrom(cur.Addr(), int(n)).Masked()
		if p.Contains(mine.Addr()) && !used[mine] && !mine.Addr().IsUnspecified() {
			return mine, true
		}
	}
	for i, next := 0, p.Addr(); i < 1<<16 && p.Contains(next); i++ {
		cand := netip.PrefixFrom(next, int(n))
		if !used[cand] {
			return cand, true
		}
		next = addBit(next, int(n))
	}
	return netip.Prefix{}, false
}

// addBit adds 1 at prefix length n (the next prefix of that length).
func addBit(a netip.Addr, n int) netip.Addr {
	b := a.As16()
	for i := n - 1; i >= 0; i-- {
		byteI, bit := i/8, byte(0x80>>(i%8))
		if b[byteI]&bit == 0 {
			b[byteI] |= bit
			return netip.AddrFrom16(b)
		}
		b[byteI] &^= bit
	}
	return netip.AddrFrom16(b)
}

func hostPart(p netip.Prefix) [16]byte {
	x, m := p.Addr().As16(), p.Masked().Addr().As16()
	for i := range x {
		x[i] ^= m[i]
	}
	return x
}

func orBytes(a netip.Addr, h [16]byte) netip.Addr {
	b := a.As16()
	for i := range b {
		b[i] |= h[i]
	}
	return netip.AddrFrom16(b)
}

// eui64 is the modified EUI-64 interface identifier of a MAC (RFC 4291).
func eui64(mac string) [16]byte {
	var out [16]byte
	var m [6]byte
	for i, part := range strings.Split(mac, ":") {
		var v byte
		for _, c := range strings.ToUpper(part) {
			v = v<<4 | byte(strings.IndexRune("0123456789ABCDEF", c))
		}
		m[i] = v
	}
	copy(out[8:], []byte{m[0] ^ 2, m[1], m[2], 0xFF, 0xFE, m[3], m[4], m[5]})
	return out
}
