package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceBridgePort = menu.Spec{
	Type: "interface_bridge_port",
	Path: "/interface/bridge/port",
	Desc: "A port of a bridge, e.g. ether2 in `bridge-proxmox`. An interface can be a port of one bridge only, so the interface identifies the row.",
	Key:  []string{"interface", "bridge"},
	Fields: []menu.Field{
		{Name: "interface", Mode: menu.Required, Desc: "Interface (or interface list) added to the bridge"},
		{Name: "bridge", Mode: menu.Required, Desc: "Bridge name"},
		{Name: "pvid", Kind: menu.Int, Default: "1", Min: 1, Max: 4094, Desc: "VLAN of untagged ingress traffic"},
		{Name: "frame-types", Default: "admit-all", Enum: frameTypes, Desc: "Frame types accepted on ingress"},
		{Name: "ingress-filtering", Kind: menu.Bool, Default: "true", Desc: "Drop ingress frames of VLANs the port is not a member of"},
		{Name: "hw", Kind: menu.Bool, Default: "true", Desc: "Hardware offloading"},
		{Name: "edge", Default: "auto", Enum: []string{"auto", "no", "no-discover", "yes", "yes-discover"}, Desc: "Spanning-tree edge port"},
		{Name: "point-to-point", Default: "auto", Enum: []string{"auto", "no", "yes"}, Desc: "Spanning-tree point-to-point link"},
		{Name: "learn", Default: "auto", Enum: []string{"auto", "no", "yes"}, Desc: "Learn host MAC addresses"},
		{Name: "horizon", Default: "none", Desc: "Split-horizon group, a number or `none`"},
		{Name: "priority", Kind: menu.Int, Default: "0x80", Min: 0, Max: 240, Desc: "Port priority for spanning tree"},
		{Name: "bpdu-guard", Kind: menu.Bool, Default: "false", Desc: "Disable the port when it receives a BPDU"},
		{Name: "trusted", Kind: menu.Bool, Default: "false", Desc: "Trusted for DHCP snooping"},
		fComment, fDisabled,
	},
}
