package routeros_test

import "testing"

// TestAccIPv6Route: the default route to the ISP's link-local gateway,
// spelled upper-case; the router's compressed spelling is no diff.
func TestAccIPv6Route(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_route", menu: "/ipv6/route",
		create: `
  dst_address = "::/0"
  gateway     = "FE80::1%ether1"`,
		update: `
  dst_address   = "::/0"
  gateway       = "FE80::1%ether1"
  distance      = 5
  check_gateway = "ping"
  comment       = "ISP"`,
		find:        map[string]string{"dst-address": "::/0", "gateway": "fe80::1%ether1"},
		afterCreate: map[string]string{"distance": "1", "routing-table": "main", "comment": ""},
		afterUpdate: map[string]string{"distance": "5", "check-gateway": "ping", "comment": "ISP"},
		drift:       []string{"=distance=1", "=comment=by hand"},
		importID:    "dst_address=::/0,gateway=fe80::1%ether1",
	}.run(t)
}

// TestAccIPv6RouteBlackhole: a blackhole for the unused part of a
// delegated prefix, next to the connected route of an address (dynamic:
// neither managed nor imported).
func TestAccIPv6RouteBlackhole(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_route", menu: "/ipv6/route", deps: `
resource "homelab_routeros_ipv6_address" "lan" {
  address   = "2001:db8:100::1/64"
  interface = "ether2"
}
`,
		create: `
  dst_address = "2001:db8:100::/56"
  blackhole   = true
  depends_on  = [homelab_routeros_ipv6_address.lan]`,
		update: `
  dst_address = "2001:db8:100::/56"
  blackhole   = true
  distance    = 250
  disabled    = true
  depends_on  = [homelab_routeros_ipv6_address.lan]`,
		find:        map[string]string{"dst-address": "2001:db8:100::/56"},
		afterCreate: map[string]string{"blackhole": "true", "gateway": ""},
		afterUpdate: map[string]string{"distance": "250", "disabled": "true"},
		drift:       []string{"=disabled=no"},
		importID:    "dst_address=2001:db8:100::/56",
	}.run(t)
}
