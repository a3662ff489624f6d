package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceVLAN = menu.Spec{
	Type: "interface_vlan",
	Path: "/interface/vlan",
	Desc: "An 802.1Q VLAN interface on top of a port, bridge or bond, e.g. `ether2-vlan-vms-internal` (VLAN 10 on ether2).",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Interface name"),
		{Name: "vlan-id", Kind: menu.Int, Mode: menu.Required, Min: 1, Max: 4094, Desc: "VLAN tag, 1..4094"},
		{Name: "interface", Mode: menu.Required, Desc: "Parent interface the VLAN is tagged on"},
		fL2MTU, fARP, fARPTimeout, fLoopProt,
		{Name: "use-service-tag", Kind: menu.Bool, Default: "false", Desc: "Use the 802.1ad service tag (0x88a8)"},
		{Name: "mvrp", Kind: menu.Bool, Default: "false", Desc: "Declare the VLAN with MVRP"},
		fComment, fDisabled, fMACRO,
	},
}
