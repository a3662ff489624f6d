package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceListMember = menu.Spec{
	Type: "interface_list_member",
	Path: "/interface/list/member",
	Desc: "An interface's membership of an interface list. Import with `list=LAN,interface=bridge-clients` or the `.id`.",
	Key:  []string{"list", "interface"},
	Fields: []menu.Field{
		{Name: "list", Mode: menu.Required, Desc: "Interface list"},
		{Name: "interface", Mode: menu.Required, Desc: "Member interface"},
		fComment, fDisabled,
	},
}
