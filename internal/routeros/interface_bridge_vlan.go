package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceBridgeVLAN = menu.Spec{
	Type: "interface_bridge_vlan",
	Path: "/interface/bridge/vlan",
	Desc: "A row of a bridge's VLAN table: which ports carry the given VLANs tagged or untagged (used with `vlan_filtering`). Import with `bridge=bridge-proxmox,vlan_ids=10` or the `.id`.",
	Key:  []string{"bridge", "vlan-ids"},
	Fields: []menu.Field{
		{Name: "bridge", Mode: menu.Required, Desc: "Bridge"},
		{Name: "vlan-ids", Kind: menu.Set, Mode: menu.Required, Desc: "VLAN ids or ranges, e.g. `10`, `20-30`"},
		{Name: "tagged", Kind: menu.Set, Desc: "Ports that carry the VLANs tagged"},
		{Name: "untagged", Kind: menu.Set, Desc: "Ports that carry the VLANs untagged"},
		fComment, fDisabled,
	},
}
