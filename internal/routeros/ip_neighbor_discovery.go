package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

var ipNeighborDiscovery = menu.Spec{
	Type:      "ip_neighbor_discovery_settings",
	Path:      "/ip/neighbor/discovery-settings",
	Desc:      "Where the router announces itself and listens for neighbours (CDP, LLDP, MNDP): usually only the management list.",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "discover-interface-list", Default: "all", Desc: "Interface list neighbour discovery runs on; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "protocol", Kind: menu.Set, Default: "cdp,lldp,mndp", Enum: []string{"cdp", "lldp", "mndp"}, Desc: "Discovery protocols"},
		{Name: "mode", Default: "tx-and-rx", Enum: []string{"rx-only", "tx-and-rx", "tx-only"}, Desc: "Send, receive or both"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults.",
}
