package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var interfaceBonding = menu.Spec{
	Type: "interface_bonding",
	Path: "/interface/bonding",
	Desc: "A bond of ports, e.g. `bonding-storage` (802.3ad over ether9 and ether10 to the NAS).",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Bond name"),
		{Name: "slaves", Kind: menu.List, Mode: menu.Required, Desc: "Member ports"},
		{Name: "mode", Default: "balance-rr", Enum: []string{"802.3ad", "active-backup", "balance-alb", "balance-rr", "balance-tlb", "balance-xor", "broadcast"}, Desc: "Bonding mode"},
		{Name: "transmit-hash-policy", Default: "layer-2", Enum: []string{"encap-2-and-3", "encap-3-and-4", "layer-2", "layer-2-and-3", "layer-3-and-4"}, Desc: "How traffic is spread over the ports"},
		{Name: "lacp-rate", Default: "30secs", Enum: []string{"1sec", "30secs"}, Desc: "LACPDU rate (802.3ad)"},
		{Name: "link-monitoring", Default: "mii", Enum: []string{"arp", "mii", "none"}, Desc: "How port links are monitored"},
		{Name: "mii-interval", Kind: menu.Duration, Default: "100ms", Desc: "MII link check interval"},
		{Name: "min-links", Kind: menu.Int, Default: "0", Min: 0, Max: 16, Desc: "Ports that must be up for the bond to be up"},
		{Name: "primary", Default: "none", Desc: "Primary port (active-backup)"},
		{Name: "up-delay", Kind: menu.Duration, Default: "0ms", Desc: "Delay before a port that came up is used"},
		{Name: "down-delay", Kind: menu.Duration, Default: "0ms", Desc: "Delay before a port that went down is dropped"},
		fL2MTU, fARP, fARPTimeout,
		fComment, fDisabled, fMACRO,
	},
}
