package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipDHCPServerNetwork = menu.Spec{
	Type: "ip_dhcp_server_network",
	Path: "/ip/dhcp-server/network",
	Desc: "The options (gateway, DNS, domain, NTP, network boot, custom options) a DHCP server hands out for a network.",
	Key:  []string{"address"},
	Fields: []menu.Field{
		{Name: "address", Mode: menu.Required, Desc: "Network in CIDR form, e.g. `10.10.0.0/24`",
			Check: []validator.String{validate.IPv4Network()}},
		ipv4("gateway", menu.Optional, "Default gateway"),
		{Name: "netmask", Kind: menu.Int, Default: "0", Min: 0, Max: 32, Desc: "Netmask handed out; 0 uses the network's"},
		{Name: "dns-server", Kind: menu.List, Desc: "DNS servers", Check: []validator.String{validate.IPv4()}},
		{Name: "dns-none", Kind: menu.Bool, Default: "false", Desc: "Hand out no DNS server at all (not even the router, which is sent when `dns_server` is empty and the router's DNS allows remote requests)"},
		{Name: "domain", Desc: "DNS domain", Check: []validator.String{validate.Hostname()}},
		{Name: "ntp-server", Kind: menu.List, Desc: "NTP servers", Check: []validator.String{validate.IPv4()}},
		{Name: "wins-server", Kind: menu.List, Desc: "WINS servers (Windows name service)", Check: []validator.String{validate.IPv4()}},
		ipv4("next-server", menu.Optional, "TFTP server for network boot"),
		{Name: "boot-file-name", Desc: "Boot file for network boot"},
		{Name: "caps-manager", Kind: menu.List, Desc: "CAPsMAN addresses handed to access points", Check: []validator.String{validate.IPv4()}},
		{Name: "dhcp-option", Kind: menu.List, Desc: "Names of `/ip/dhcp-server/option` entries handed out too (`homelab_routeros_ip_dhcp_server_option`)"},
		{Name: "dhcp-option-set", Desc: "Name of an option set (`homelab_routeros_ip_dhcp_server_option_set`) handed out too"},
		fComment,
	},
}
