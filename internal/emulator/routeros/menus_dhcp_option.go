package routeros

import (
	"encoding/hex"
	"strings"
)

// /ip/dhcp-server/option and /ip/dhcp-server/option/sets, from MikroTik's
// DHCP manual ("DHCP Options"): an option has a code (1..254), a name and
// a value in RouterOS's value syntax; a set groups options by name, and
// networks, servers and leases refer to options and sets by name.

func dhcpOption() *menu {
	return &menu{
		path: "/ip/dhcp-server/option", table: "ip/dhcp-server/option", nameField: "name",
		canAdd: true, canRemove: true,
		uniqueName: "already have option with such name",
		fields: []*field{
			fStr("name").req().keep(),
			fInt("code", "", 1, 254).req().keep(),
			fStr("value"),
			fBool("force", ""),
			fStr("comment"),
		},
		compute: func(d *db, r *row, p *props) {
			if raw, ok := rawOptionValue(r.vals["value"]); ok {
				p.set("raw-value", raw)
			}
		},
	}
}

func dhcpOptionSets() *menu {
	return &menu{
		path: "/ip/dhcp-server/option/sets", table: "ip/dhcp-server/option/sets", nameField: "name",
		canAdd: true, canRemove: true,
		uniqueName: "already have option set with such name",
		fields: []*field{
			fStr("name").req().keep(),
			fRefList("options", refDHCPOption),
		},
	}
}

// rawOptionValue is an option value as the bytes sent, in hex: a
// concatenation of 0xHEX, s'text' (a string) and 'a.b.c.d' (an IPv4
// address). Other forms ($(VARIABLE), numbers) are not modelled: no
// raw-value is printed for them.
func rawOptionValue(v string) (string, bool) {
	var out []byte
	for v != "" {
		switch {
		case strings.HasPrefix(v, "0x"):
			end := 2
			for end < len(v) && strings.ContainsRune("0123456789abcdefABCDEF", rune(v[end])) {
				end++
			}
			b, err := hex.DecodeString(v[2:end])
			if err != nil || end == 2 {
				return "", false
			}
			out, v = append(out, b...), v[end:]
		case strings.HasPrefix(v, "s'"):
			text, rest, ok := strings.Cut(v[2:], "'")
			if !ok {
				return "", false
			}
			out, v = append(out, text...), rest
		case strings.HasPrefix(v, "'"):
			text, rest, ok := strings.Cut(v[1:], "'")
			a, isIP := parseIPv4(text)
			if !ok || !isIP {
				return "", false
			}
			b := a.As4()
			out, v = append(out, b[:]...), rest
		default:
			return "", false
		}
	}
	return hex.EncodeToString(out), len(out) > 0
}
