package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipDHCPServerLease = menu.Spec{
	Type: "ip_dhcp_server_lease",
	Path: "/ip/dhcp-server/lease",
	Desc: "A static DHCP lease: a fixed address for a MAC address, e.g. the printer on ether6.",
	Key:  []string{"mac-address", "server"},
	Fields: []menu.Field{
		{Name: "mac-address", Kind: menu.MAC, Mode: menu.Required, Desc: "Client MAC address"},
		{Name: "address", Mode: menu.Required, Desc: "Leased address", Check: []validator.String{validate.IPv4()}},
		{Name: "server", Default: "all", Desc: "DHCP server the lease belongs to, or `all`"},
		{Name: "client-id", Desc: "DHCP client identifier to match instead of the MAC"},
		{Name: "lease-time", Kind: menu.Duration, Default: "0s", Desc: "Lease time; 0s uses the server's"},
		{Name: "block-access", Kind: menu.Bool, Default: "false", Desc: "Refuse this client"},
		{Name: "rate-limit", Desc: "Queue rate limit for the client"},
		{Name: "address-lists", Desc: "Address list the leased address is added to"},
		{Name: "dhcp-option", Kind: menu.List, Desc: "Names of `/ip/dhcp-server/option` entries handed to this client only"},
		{Name: "dhcp-option-set", Desc: "Name of an option set handed to this client only"},
		fComment, fDisabled,
	},
}
