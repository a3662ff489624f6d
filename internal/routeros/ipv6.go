package routeros

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// IPv6 basics. Defaults from MikroTik's "IPv6" manual pages and
// community.routeros's API data; the fields a 7.x release added are in
// versions.go.

var ipv6Settings = menu.Spec{
	Type:      "ipv6_settings",
	Path:      "/ipv6/settings",
	Desc:      "The router's IPv6 settings: whether IPv6 runs and forwards, and when it takes router advertisements.",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "disable-ipv6", Kind: menu.Bool, Default: "false", Desc: "Turn IPv6 off"},
		{Name: "forward", Kind: menu.Bool, Default: "true", Desc: "Route IPv6 between interfaces"},
		{Name: "accept-redirects", Default: "yes-if-forwarding-disabled", Enum: []string{"no", "yes-if-forwarding-disabled"},
			Desc: "Accept ICMPv6 redirects"},
		{Name: "accept-router-advertisements", Default: "yes-if-forwarding-disabled", Enum: []string{"no", "yes", "yes-if-forwarding-disabled"},
			Desc: "Configure addresses and routes from router advertisements"},
		{Name: "multipath-hash-policy", Default: "l3", Enum: []string{"l3", "l3-inner", "l4"}, Desc: "What ECMP hashes on"},
		{Name: "allow-fast-path", Kind: menu.Bool, Default: "true", Desc: "Allow IPv6 fast path"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults.",
}

var ipv6Address = menu.Spec{
	Type: "ipv6_address",
	Path: "/ipv6/address",
	Desc: "An IPv6 address on an interface, e.g. the clients bridge's `2001:db8:10::1/64` advertised to its hosts. With " +
		"`from_pool` the network comes from an IPv6 pool (a delegated prefix) and `address` gives only the host part " +
		"(`::1/64`); with `eui_64` the host part comes from the interface's MAC address. The router prints the whole " +
		"address, which such a configured address matches.",
	Key: []string{"address"},
	Fields: []menu.Field{
		{Name: "address", Mode: menu.Required, Same: sameIPv6Address, Desc: "Address with prefix length, or its host part with `from_pool`",
			Check: []validator.String{validate.StringFunc("IPv6 address with prefix length", checkIPv6Prefix)}},
		{Name: "interface", Mode: menu.Required, Desc: "Interface the address is on", Check: nameCheck},
		{Name: "from-pool", Desc: "IPv6 pool the network part is taken from", Check: nameCheck},
		{Name: "advertise", Kind: menu.Bool, Default: "true", Desc: "Advertise the prefix to hosts (SLAAC)"},
		{Name: "eui-64", Kind: menu.Bool, Default: "false", Desc: "Take the host part from the interface's MAC address (EUI-64)"},
		{Name: "no-dad", Kind: menu.Bool, Default: "false", Desc: "Skip duplicate address detection"},
		{Name: "auto-link-local", Kind: menu.Bool, Mode: menu.Computed, Desc: "Give the interface a link-local address"},
		fComment, fDisabled,
		{Name: "actual-interface", Mode: menu.ReadOnly, Desc: "Interface the address is really on (a bridge port's bridge)"},
	},
}

var ipv6Pool = menu.Spec{
	Type: "ipv6_pool",
	Path: "/ipv6/pool",
	Desc: "An IPv6 prefix split into smaller prefixes for addresses (`from_pool`) and DHCPv6 prefix delegation.",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Pool name"),
		{Name: "prefix", Mode: menu.Required, Desc: "The pool's prefix, e.g. `2001:db8:100::/56`",
			Check: []validator.String{validate.StringFunc("IPv6 prefix", checkIPv6Prefix)}},
		{Name: "prefix-length", Kind: menu.Int, Mode: menu.Required, Min: 1, Max: 128, Desc: "Length of the prefixes handed out, e.g. `64`"},
		fComment,
	},
}

func init() { configChecks["ipv6_pool"] = checkIPv6Pool }

// checkIPv6Pool: a pool hands out prefixes no shorter than its own.
func checkIPv6Pool(v configValues) []configProblem {
	p, err := netip.ParsePrefix(v.known["prefix"])
	n, err2 := strconv.Atoi(v.known["prefix-length"])
	if err != nil || err2 != nil || n >= p.Bits() {
		return nil
	}
	return []configProblem{{field: "prefix-length", summary: "Invalid IPv6 pool",
		detail: fmt.Sprintf("prefix_length (%d) must not be shorter than the pool's prefix %s", n, p)}}
}

func checkIPv6Prefix(s string) error {
	p, err := netip.ParsePrefix(s)
	if err != nil || !p.Addr().Is6() || p.Addr().Is4In6() {
		return fmt.Errorf("%q is not an IPv6 address with prefix length such as 2001:db8::1/64", s)
	}
	return nil
}

// sameIPv6Address: a configured address whose network part is zero
// (`::1/64` with from_pool) or whose host part is zero (`2001:db8::/64` with
// eui_64) matches the printed address that shares that part.
func sameIPv6Address(a, b string) bool {
	pa, err1 := netip.ParsePrefix(a)
	pb, err2 := netip.ParsePrefix(b)
	if err1 != nil || err2 != nil || pa.Bits() != pb.Bits() {
		return false
	}
	if pa.Addr() == pb.Addr() {
		return true
	}
	host := func(p netip.Prefix) [16]byte {
		x, n := p.Addr().As16(), p.Masked().Addr().As16()
		for i := range x {
			x[i] ^= n[i]
		}
		return x
	}
	zero := [16]byte{}
	for _, pair := range [][2]netip.Prefix{{pa, pb}, {pb, pa}} {
		tmpl, full := pair[0], pair[1]
		if tmpl.Masked().Addr().IsUnspecified() && host(tmpl) == host(full) {
			return true // from_pool: the router filled in the network
		}
		if host(tmpl) == zero && tmpl.Masked() == full.Masked() {
			return true // eui_64: the router filled in the host part
		}
	}
	return false
}
