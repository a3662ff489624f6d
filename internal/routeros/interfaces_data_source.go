package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfacesData = menu.DataSpec{
	Type:      "interfaces",
	Path:      "/interface",
	Desc:      "All interfaces of the router: ports, VLANs, bridges, bonds, optionally filtered by type and name",
	Rows:      "interfaces",
	Filters:   []string{"type"},
	NameRegex: true,
	Fields: []menu.Field{
		{Name: "name", Desc: "Interface name"},
		{Name: "default-name", Desc: "Factory name of a port"},
		{Name: "type", Desc: "Interface type: `ether`, `vlan`, `bridge`, `bond`, ..."},
		{Name: "mtu", Desc: "MTU as configured (a number, or `auto` for bridges)"},
		{Name: "actual-mtu", Kind: menu.Int, Desc: "MTU in use"},
		{Name: "mac-address", Kind: menu.MAC, Desc: "MAC address"},
		{Name: "comment", Desc: "Comment"},
		{Name: "running", Kind: menu.Bool, Desc: "Whether the link is up"},
		{Name: "disabled", Kind: menu.Bool, Desc: "Whether the interface is disabled"},
	},
}
