package routeros

import (
	"slices"
	"strconv"
	"strings"
)

// fieldVersions are the parameters whose presence or name depends on the
// RouterOS version (from MikroTik's 7.x changelogs as collected in the
// project's reference notes): a router older than since does not know the
// parameter ("unknown parameter x", never printed); one older than before
// knows it as oldName. Unconfirmed: the exact version of the dhcp-server
// src-address -> server-address rename (the notes say 7.1). The
// ethernet and DHCP option entries compare TR's console-inspect dumps of
// 7.14.3/7.15 and 7.15/7.16 (terraform-provider-routeros
// tools/schema_changes), the earliest and latest being 7.9 and 7.19.
var fieldVersions = []struct {
	menu, field     string
	since           string
	oldName, before string
}{
	{menu: "/interface/vlan", field: "mvrp", since: "7.15"},
	{menu: "/interface/bridge", field: "port-cost-mode", since: "7.13"},
	{menu: "/interface/bridge", field: "max-learned-entries", since: "7.16"},
	{menu: "/ip/dns/static", field: "match-subdomain", since: "7.5"},
	{menu: "/ip/dns/static", field: "address-list", since: "7.5"},
	{menu: "/interface/wireguard/peers", field: "name", since: "7.15"},
	{menu: "/ip/dhcp-server", field: "server-address", oldName: "src-address", before: "7.1"},
	{menu: "/interface/ethernet", field: "sfp-ignore-rx-los", since: "7.15"},
	{menu: "/ip/dhcp-server/option", field: "comment", since: "7.16"},
	{menu: "/snmp", field: "engine-id-suffix", since: "7.10"},               // community.routeros API data
	{menu: "/ipv6/settings", field: "multipath-hash-policy", since: "7.16"}, // inspect dumps 7.15/7.16
	{menu: "/ipv6/settings", field: "allow-fast-path", since: "7.18"},       // 7.17/7.18
	{menu: "/ipv6/address", field: "auto-link-local", since: "7.18"},        // 7.17/7.18
}

// fitVersion gives the menus the parameters of the emulated version.
func fitVersion(menus []*menu, version string) {
	byPath := map[string]*menu{}
	for _, m := range menus {
		byPath[m.path] = m
	}
	if m := byPath["/interface/ethernet"]; m != nil {
		fitEthernet(m, version)
	}
	for _, fv := range fieldVersions {
		m := byPath[fv.menu]
		if m == nil {
			continue
		}
		i := slices.IndexFunc(m.fields, func(f *field) bool { return f.name == fv.field })
		if i < 0 {
			continue
		}
		switch {
		case fv.since != "" && versionBefore(version, fv.since):
			m.fields = slices.Delete(m.fields, i, i+1)
		case fv.before != "" && versionBefore(version, fv.before):
			m.fields[i].name = fv.oldName
		}
	}
}

// versionBefore reports whether version v is older than w ("7.12" < "7.15").
func versionBefore(v, w string) bool {
	pv, pw := versionNumbers(v), versionNumbers(w)
	for i := 0; i < max(len(pv), len(pw)); i++ {
		a, b := 0, 0
		if i < len(pv) {
			a = pv[i]
		}
		if i < len(pw) {
			b = pw[i]
		}
		if a != b {
			return a < b
		}
	}
	return false
}

func versionNumbers(v string) []int {
	var out []int
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r < '0' || r > '9' }) {
		n, _ := strconv.Atoi(p)
		out = append(out, n)
	}
	return out
}
