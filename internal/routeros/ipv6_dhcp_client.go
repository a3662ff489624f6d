package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// Defaults from MikroTik's "DHCPv6 Client" manual page and
// community.routeros's recorded defaults.
var ipv6DHCPClient = menu.Spec{
	Type: "ipv6_dhcp_client",
	Path: "/ipv6/dhcp-client",
	Desc: "A DHCPv6 client on the WAN uplink: with `request = [\"prefix\"]` the ISP delegates a prefix, which the router keeps " +
		"in the IPv6 pool `pool_name` for addresses (`from_pool`) on the inside networks; with `address` it also takes an " +
		"address for the uplink. One client per interface, so the interface identifies it. The pool the client fills is the " +
		"router's own (dynamic): do not declare it as a `homelab_routeros_ipv6_pool`.",
	Key: []string{"interface"},
	Fields: []menu.Field{
		{Name: "interface", Mode: menu.Required, Desc: "Interface the client runs on, e.g. `ether1`", Check: []validator.String{checkName}},
		{Name: "request", Kind: menu.Set, Mode: menu.Required, Enum: []string{"address", "info", "prefix"},
			Desc: "What to ask for: `prefix` (delegation), `address`, or `info` (only options such as DNS)"},
		{Name: "pool-name", Desc: "IPv6 pool the delegated prefix goes into (needed with `prefix`)", Check: []validator.String{checkName}},
		{Name: "pool-prefix-length", Kind: menu.Int, Default: "64", Min: 0, Max: 128, Desc: "Length of the prefixes the pool hands out"},
		{Name: "prefix-hint", Default: "::/0", Normalize: normalizeIPv6Match, Desc: "Prefix (length) to ask the ISP for, e.g. `::/56`",
			Check: []validator.String{validate.StringFunc("IPv6 prefix", checkIPv6Prefix)}},
		{Name: "add-default-route", Kind: menu.Bool, Default: "false", Desc: "Install a default route via the DHCPv6 server"},
		{Name: "default-route-distance", Kind: menu.Int, Default: "1", Min: 0, Max: 255, Desc: "Distance of that default route"},
		{Name: "use-peer-dns", Kind: menu.Bool, Default: "true", Desc: "Use the DNS servers the server gives"},
		{Name: "rapid-commit", Kind: menu.Bool, Default: "true", Desc: "Ask for the two-message exchange (rapid commit)"},
		{Name: "script", Desc: "Script run when the lease changes"},
		{Name: "status", Mode: menu.ReadOnly, Desc: "Client state, e.g. `bound` or `searching...`"},
		{Name: "prefix", Mode: menu.ReadOnly, Desc: "Prefix delegated, with its lifetime"},
		{Name: "address", Mode: menu.ReadOnly, Desc: "Address received"},
		fComment, fDisabled,
	},
}
