package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var ipDHCPServer = menu.Spec{
	Type: "ip_dhcp_server",
	Path: "/ip/dhcp-server",
	Desc: "A DHCP server on an interface (usually a bridge). Pair it with a `homelab_routeros_ip_pool` and a `homelab_routeros_ip_dhcp_server_network`.",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Server name"),
		{Name: "interface", Mode: menu.Required, Desc: "Interface the server listens on"},
		{Name: "address-pool", Default: "static-only", Desc: "Pool to lease from, or `static-only`"},
		{Name: "lease-time", Kind: menu.Duration, Default: "30m", Desc: "Lease duration"},
		{Name: "authoritative", Default: "yes", Enum: []string{"after-10sec-delay", "after-2sec-delay", "no", "yes"}, Desc: "Answer requests for unknown leases"},
		{Name: "bootp-support", Default: "static", Enum: []string{"dynamic", "none", "static"}, Desc: "BOOTP support"},
		{Name: "add-arp", Kind: menu.Bool, Default: "false", Desc: "Add ARP entries for leases"},
		{Name: "always-broadcast", Kind: menu.Bool, Default: "false", Desc: "Always broadcast replies"},
		{Name: "conflict-detection", Kind: menu.Bool, Default: "true", Desc: "Ping an address before leasing it"},
		{Name: "use-radius", Default: "no", Enum: []string{"accounting", "no", "yes"}, Desc: "RADIUS for leases"},
		{Name: "lease-script", Desc: "Script run on lease changes"},
		{Name: "dhcp-option-set", Desc: "Name of an option set (`homelab_routeros_ip_dhcp_server_option_set`) handed to every client of the server"},
		ipv4("server-address", menu.Optional, "Address the server answers from"),
		ipv4("relay", menu.Optional, "Relay address the server serves"),
		fComment, fDisabled,
	},
}
