package routeros

import (
	"encoding/hex"
	"net/netip"
	"strings"
)

// SNMP, from MikroTik's "SNMP" manual page, the 7.9-7.19 console inspect
// and community.routeros's recorded defaults: /snmp is a settings menu (the
// agent off, trap-community public, trap-generators temp-exception,
// src-address ::, trap-version 1); since 7.10 engine-id is read-only and
// set through engine-id-suffix. /snmp/community has the builtin community
// public (default=true, addresses ::/0, read-only access). Unconfirmed: the
// refusal to remove the builtin community ("failure: can not remove default
// community"), the duplicate-name wording ("failure: already have community
// with such name"), that SNMPv3 passwords print in clear (to a user with the
// sensitive policy, as the API login here is), that an address with host
// bits stays as given, and engine-id's spelling (MikroTik's enterprise
// prefix 80003a8c04 and the suffix in hex here).

func snmpMenu() *menu {
	return &menu{
		path: "/snmp", table: "snmp", singleton: true,
		fields: []*field{
			fBool("enabled", "false"),
			fStr("contact"),
			fStr("location"),
			fStr("engine-id-suffix"),
			fKind("trap-target", kIPAnyList),
			fInt("trap-version", "1", 1, 3),
			fStr("trap-community").dflt("public"),
			fKind("trap-generators", kList).dflt("temp-exception"), // may be empty: no traps
			fKind("trap-interfaces", kList),
			fStr("src-address").dflt("::"),
			fStr("vrf").dflt("main"),
		},
		check: func(d *db, r, old *row) error {
			if a, ok := r.vals["src-address"]; ok {
				ip, err := netip.ParseAddr(a)
				if err != nil {
					return argErr("invalid value for argument src-address")
				}
				r.vals["src-address"] = ip.String()
			}
			for _, g := range splitList(r.vals["trap-generators"]) {
				if g != "interfaces" && g != "start-trap" && g != "temp-exception" {
					return errNoMatch("trap-generators")
				}
			}
			if c, ok := r.vals["trap-community"]; ok && d.find(d.menus["/snmp/community"], c) == nil {
				return errNoMatch("trap-community")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("engine-id", "80003a8c04"+hex.EncodeToString([]byte(r.vals["engine-id-suffix"])))
		},
	}
}

func snmpCommunity() *menu {
	return &menu{
		path: "/snmp/community", table: "snmp/community", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have community with such name",
		fields: []*field{
			fStr("name").req(),
			fKind("addresses", kList).dflt("::/0"),
			fEnum("security", "none", "authorized", "none", "private"),
			fBool("read-access", "true"),
			fBool("write-access", "false"),
			fEnum("authentication-protocol", "MD5", "MD5", "SHA1"),
			fEnum("encryption-protocol", "DES", "AES", "DES"),
			fStr("authentication-password"),
			fStr("encryption-password"),
			fStr("comment"),
			fBool("disabled", "false"),
		},
		check: func(d *db, r, old *row) error {
			var out []string
			for _, a := range splitList(r.vals["addresses"]) {
				p, err := netip.ParsePrefix(a)
				if err != nil {
					ip, err2 := netip.ParseAddr(a)
					if err2 != nil {
						return argErr("invalid value for argument addresses")
					}
					p = netip.PrefixFrom(ip, ip.BitLen())
				}
				out = append(out, p.String())
			}
			if _, ok := r.vals["addresses"]; ok {
				r.vals["addresses"] = strings.Join(out, ",")
			}
			return nil
		},
		removable: func(r *row) error {
			if r.vals["default"] == "true" {
				return failure("can not remove default community")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("default", boolStr(r.vals["default"] == "true"))
		},
	}
}

// seedSNMP adds the builtin community of a fresh router.
func seedSNMP(d *db) {
	t := d.table("snmp/community")
	t.rows = append(t.rows, &row{id: t.alloc(), vals: map[string]string{"name": "public", "default": "true"}})
}
