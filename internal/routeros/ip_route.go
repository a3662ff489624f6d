package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipRoute = menu.Spec{
	Type: "ip_route",
	Path: "/ip/route",
	Desc: "A static IPv4 route, e.g. the lab's storage network behind another router, or a blackhole for an unused range. " +
		"Connected routes (one per address) and routes from the DHCP client or routing protocols are dynamic: neither managed nor imported.",
	Key: []string{"dst-address", "gateway", "routing-table"},
	Fields: []menu.Field{
		{Name: "dst-address", Default: "0.0.0.0/0", Desc: "Destination network", Check: []validator.String{validate.IPv4Prefix()}},
		{Name: "gateway", Desc: "Next hop: an address, an interface, `address%interface`, or a comma list for ECMP", Check: []validator.String{checkName}},
		{Name: "distance", Kind: menu.Int, Default: "1", Min: 1, Max: 255, Desc: "Administrative distance; the lowest active route wins"},
		{Name: "routing-table", Default: "main", Desc: "Routing table", Check: []validator.String{checkName}},
		{Name: "blackhole", Kind: menu.Bool, Default: "false", Desc: "Silently drop traffic to the destination (no gateway)"},
		{Name: "check-gateway", Enum: []string{"arp", "bfd", "bfd-multihop", "none", "ping"}, Desc: "How the gateway's reachability is checked"},
		{Name: "scope", Kind: menu.Int, Default: "30", Min: 0, Max: 255, Desc: "Scope used in next-hop lookups"},
		{Name: "target-scope", Kind: menu.Int, Default: "10", Min: 0, Max: 255, Desc: "Largest scope of the routes the gateway may be resolved through"},
		ipv4("pref-src", menu.Optional, "Source address of packets the router itself sends along this route"),
		{Name: "vrf-interface", Desc: "Interface whose VRF the gateway is looked up in", Check: []validator.String{checkName}},
		{Name: "suppress-hw-offload", Kind: menu.Bool, Default: "false", Desc: "Keep the route out of hardware offloading"},
		fComment, fDisabled,
	},
}
