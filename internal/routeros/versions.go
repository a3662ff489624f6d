package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

// fieldVersions is the one table of RouterOS 7.x parameters that appeared
// or were renamed in a minor version. The engine reads either name, sends
// the one the router's version expects, and refuses at plan time a
// configured parameter the router is too old for. templates/index.md.tmpl
// lists this table (TestVersionTableDocumented keeps them the same).
var fieldVersions = []struct {
	Path, Field string
	Since       string       // first version with the parameter
	Old         menu.OldName // its name before a version
}{
	{Path: "/interface/vlan", Field: "mvrp", Since: "7.15"},
	{Path: "/interface/bridge", Field: "port-cost-mode", Since: "7.13"},
	{Path: "/interface/bridge", Field: "max-learned-entries", Since: "7.16"},
	{Path: "/ip/dns/static", Field: "match-subdomain", Since: "7.5"},
	{Path: "/ip/dns/static", Field: "address-list", Since: "7.5"},
	{Path: "/interface/wireguard/peers", Field: "name", Since: "7.15"},
	{Path: "/ip/dhcp-server", Field: "server-address", Old: menu.OldName{Before: "7.1", Name: "src-address"}},
	// From the console-inspect dumps of each 7.x release in
	// terraform-provider-routeros (tools/schema_changes, 7.9 to 7.19).
	{Path: "/interface/ethernet", Field: "sfp-ignore-rx-los", Since: "7.15"},
	{Path: "/ip/dhcp-server/option", Field: "comment", Since: "7.16"},
	// community.routeros's API data (engine-id read-only from 7.10) and the
	// 7.9/7.10.2 console-inspect dumps.
	{Path: "/snmp", Field: "engine-id-suffix", Since: "7.10"},
	// Where community.routeros's API data and the console-inspect dumps agree.
	{Path: "/ipv6/settings", Field: "multipath-hash-policy", Since: "7.16"},
	{Path: "/ipv6/settings", Field: "allow-fast-path", Since: "7.18"},
	{Path: "/ipv6/address", Field: "auto-link-local", Since: "7.18"},
}

// withVersions applies fieldVersions to the specs.
func withVersions(specs []menu.Spec) []menu.Spec {
	for _, fv := range fieldVersions {
		for i := range specs {
			if specs[i].Path != fv.Path {
				continue
			}
			fields := append([]menu.Field(nil), specs[i].Fields...)
			for j := range fields {
				if fields[j].Name != fv.Field {
					continue
				}
				fields[j].Since = fv.Since
				if fv.Old.Name != "" {
					fields[j].OldNames = append(append([]menu.OldName(nil), fields[j].OldNames...), fv.Old)
				}
			}
			specs[i].Fields = fields
		}
	}
	return specs
}
