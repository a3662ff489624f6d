package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// Fields many menus share.
var (
	fComment  = menu.Field{Name: "comment", Desc: "Free-text comment shown on the router"}
	fDisabled = menu.Field{Name: "disabled", Kind: menu.Bool, Default: "false", Desc: "Whether the item is disabled"}
	fARP      = menu.Field{Name: "arp", Default: "enabled", Desc: "ARP mode",
		Enum: []string{"disabled", "enabled", "local-proxy-arp", "proxy-arp", "reply-only"}}
	fARPTimeout = menu.Field{Name: "arp-timeout", Kind: menu.Duration, Keywords: []string{"auto"}, Default: "auto", Desc: "How long ARP entries are kept"}
	fL2MTU      = menu.Field{Name: "mtu", Kind: menu.Int, Default: "1500", Min: 32, Max: 65535, NoUnset: true, Desc: "Layer-3 MTU"}
	fMACRO      = menu.Field{Name: "mac-address", Kind: menu.MAC, Mode: menu.ReadOnly, Desc: "MAC address of the interface"}
	fLoopProt   = menu.Field{Name: "loop-protect", Default: "default", Enum: []string{"default", "off", "on"}, Desc: "Loop protection"}
)

func named(desc string) menu.Field {
	return menu.Field{Name: "name", Mode: menu.Required, Desc: desc, Check: []validator.String{checkName}}
}

func ipv4(name string, mode menu.Mode, desc string) menu.Field {
	return menu.Field{Name: name, Mode: mode, Desc: desc, Check: []validator.String{validate.IPv4()}}
}

var (
	frameTypes = []string{"admit-all", "admit-only-untagged-and-priority-tagged", "admit-only-vlan-tagged"}
)
