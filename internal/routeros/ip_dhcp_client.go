package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

var ipDHCPClient = menu.Spec{
	Type: "ip_dhcp_client",
	Path: "/ip/dhcp-client",
	Desc: "A DHCP client on an interface, typically the WAN uplink: the router takes its address, default route and DNS servers " +
		"from the ISP. One client per interface, so the interface identifies it.",
	Key: []string{"interface"},
	Fields: []menu.Field{
		{Name: "interface", Mode: menu.Required, Desc: "Interface the client runs on, e.g. `ether1`", Check: []validator.String{checkName}},
		{Name: "add-default-route", Default: "yes", Enum: []string{"no", "special-classless", "yes"}, Desc: "Install the default route the server gives"},
		{Name: "default-route-distance", Kind: menu.Int, Default: "1", Min: 0, Max: 255, Desc: "Distance of that default route"},
		{Name: "use-peer-dns", Kind: menu.Bool, Default: "true", Desc: "Use the DNS servers the server gives"},
		{Name: "use-peer-ntp", Kind: menu.Bool, Default: "true", Desc: "Use the NTP servers the server gives"},
		{Name: "dhcp-options", Kind: menu.List, Default: "hostname,clientid", Desc: "Options sent to the server"},
		{Name: "script", Desc: "Script run when the lease changes"},
		{Name: "status", Mode: menu.ReadOnly, Desc: "Client state, e.g. `bound` or `searching...`"},
		{Name: "address", Mode: menu.ReadOnly, Desc: "Address received"},
		{Name: "gateway", Mode: menu.ReadOnly, Desc: "Gateway received"},
		fComment, fDisabled,
	},
}
