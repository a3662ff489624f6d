package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var ipDHCPServerOption = menu.Spec{
	Type: "ip_dhcp_server_option",
	Path: "/ip/dhcp-server/option",
	Desc: "A custom DHCP option (e.g. 66 TFTP server, 67 boot file, 252 WPAD) that networks, servers and leases hand out by its `name`. " +
		"`value` uses RouterOS's syntax: `0x` and hex digits for raw bytes, `s'text'` for a string, `'10.0.0.5'` for an IPv4 address, " +
		"`$(VARIABLE)` for a value the router fills in, concatenated as needed (`0x01'10.0.0.1'`).",
	Key: []string{"name"},
	Fields: []menu.Field{
		named("Name the option is referred to by"),
		{Name: "code", Kind: menu.Int, Mode: menu.Required, Min: 1, Max: 254, Desc: "DHCP option code (RFC 2132)"},
		{Name: "value", Desc: "Value in RouterOS's option syntax, e.g. `s'pxelinux.0'` or `0x0a000005`"},
		{Name: "force", Kind: menu.Bool, Default: "false", Desc: "Send the option even when the client did not ask for it"},
		{Name: "raw-value", Mode: menu.ReadOnly, Desc: "The value's bytes in hex, as the router computes them"},
		fComment,
	},
}

var ipDHCPServerOptionSet = menu.Spec{
	Type: "ip_dhcp_server_option_set",
	Path: "/ip/dhcp-server/option/sets",
	Desc: "A named group of DHCP options that a network, server or lease hands out together (`dhcp_option_set`).",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Name of the set"),
		{Name: "options", Kind: menu.Set, Desc: "Names of the `/ip/dhcp-server/option` entries in the set"},
	},
}
