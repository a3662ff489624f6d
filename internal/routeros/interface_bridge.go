package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceBridge = menu.Spec{
	Type: "interface_bridge",
	Path: "/interface/bridge",
	Desc: "A bridge, e.g. `bridge-proxmox` joining the Proxmox trunks. Add ports with `homelab_routeros_interface_bridge_port`.",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Bridge name"),
		{Name: "mtu", Default: "auto", NoUnset: true, Desc: "MTU, a number or `auto`"},
		fARP, fARPTimeout,
		{Name: "protocol-mode", Default: "rstp", Enum: []string{"none", "stp", "rstp", "mstp"}, Desc: "Spanning-tree protocol"},
		{Name: "priority", Kind: menu.Int, Default: "0x8000", Min: 0, Max: 65535, Desc: "Bridge priority for spanning tree"},
		{Name: "vlan-filtering", Kind: menu.Bool, Default: "false", Desc: "Filter VLANs by the bridge VLAN table"},
		{Name: "pvid", Kind: menu.Int, Default: "1", Min: 1, Max: 4094, Desc: "VLAN of untagged traffic of the bridge interface itself"},
		{Name: "frame-types", Default: "admit-all", Enum: frameTypes, Desc: "Frame types accepted by the bridge interface"},
		{Name: "ingress-filtering", Kind: menu.Bool, Default: "true", Desc: "Drop ingress frames of VLANs the bridge interface is not a member of"},
		{Name: "ageing-time", Kind: menu.Duration, Default: "5m", Desc: "How long a learned host is kept"},
		{Name: "igmp-snooping", Kind: menu.Bool, Default: "false", Desc: "IGMP/MLD snooping"},
		{Name: "dhcp-snooping", Kind: menu.Bool, Default: "false", Desc: "DHCP snooping"},
		{Name: "fast-forward", Kind: menu.Bool, Default: "true", Desc: "Fast forwarding between two ports"},
		{Name: "port-cost-mode", Default: "long", Enum: []string{"long", "short"}, Desc: "Spanning-tree port path cost convention"},
		{Name: "max-learned-entries", Default: "auto", Desc: "Largest host table, a number, `auto` or `unlimited`"},
		{Name: "auto-mac", Kind: menu.Bool, Default: "true", Desc: "Take the MAC address from a port"},
		{Name: "admin-mac", Kind: menu.MAC, Desc: "Static MAC address, used when auto_mac is false"},
		fComment, fDisabled, fMACRO,
	},
}
