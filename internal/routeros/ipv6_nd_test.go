package routeros_test

import "testing"

// TestAccIPv6ND: router advertisements of their own on the clients bridge.
func TestAccIPv6ND(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_nd", menu: "/ipv6/nd", deps: bridgeDeps,
		create: `
  interface   = homelab_routeros_interface_bridge.clients.name
  ra_interval = "20s-60s"`,
		update: `
  interface                     = homelab_routeros_interface_bridge.clients.name
  ra_interval                   = "20s-60s"
  ra_lifetime                   = "3600s"
  hop_limit                     = "64"
  mtu                           = "1480"
  advertise_mac_address         = false
  advertise_dns                 = false
  managed_address_configuration = true
  other_configuration           = true
  comment                       = "clients"`,
		find:        map[string]string{"interface": "bridge-clients"},
		afterCreate: map[string]string{"ra-interval": "20s-1m", "default": "false"},
		afterUpdate: map[string]string{"ra-interval": "20s-1m", "ra-lifetime": "1h", "hop-limit": "64", "mtu": "1480",
			"advertise-mac-address": "false", "advertise-dns": "false", "managed-address-configuration": "true",
			"other-configuration": "true", "comment": "clients"},
		drift:    []string{"=hop-limit=unspecified", "=ra-interval=3m20s-10m"},
		importID: "bridge-clients",
	}.run(t)
}

// TestAccIPv6NDAll: the builtin `all` row is adopted, and destroy puts
// RouterOS's defaults back instead of removing it.
func TestAccIPv6NDAll(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_nd", menu: "/ipv6/nd", adopt: true,
		create: `
  interface     = "all"
  advertise_dns = false`,
		update: `
  interface     = "all"
  advertise_dns = false
  ra_preference = "high"
  ra_delay      = "5s"`,
		find:        map[string]string{"interface": "all"},
		afterCreate: map[string]string{"advertise-dns": "false", "default": "true"},
		afterUpdate: map[string]string{"advertise-dns": "false", "ra-preference": "high", "ra-delay": "5s"},
		drift:       []string{"=ra-preference=low"},
		importID:    "all",
		destroyed:   map[string]string{"advertise-dns": "true", "ra-preference": "medium", "ra-delay": "3s", "default": "true"},
	}.run(t)
}
