package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceList = menu.Spec{
	Type: "interface_list",
	Path: "/interface/list",
	Desc: "A named list of interfaces (e.g. `WAN`, `LAN`) that firewall rules can match.",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("List name"),
		{Name: "include", Kind: menu.List, Desc: "Lists whose members are included"},
		{Name: "exclude", Kind: menu.List, Desc: "Lists whose members are excluded"},
		fComment,
	},
}
