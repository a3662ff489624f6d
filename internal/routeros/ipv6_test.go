package routeros_test

import "testing"

func TestAccIPv6Settings(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_settings", menu: "/ipv6/settings", singleton: true,
		create: `
  accept_router_advertisements = "no"`,
		update: `
  accept_router_advertisements = "no"
  accept_redirects             = "no"
  allow_fast_path              = false
  multipath_hash_policy        = "l4"`,
		afterCreate: map[string]string{"accept-router-advertisements": "no", "forward": "true"},
		afterUpdate: map[string]string{"accept-redirects": "no", "allow-fast-path": "false", "multipath-hash-policy": "l4"},
		drift:       []string{"=accept-router-advertisements=yes", "=multipath-hash-policy=l3"},
		destroyed: map[string]string{"accept-router-advertisements": "yes-if-forwarding-disabled", "accept-redirects": "yes-if-forwarding-disabled",
			"multipath-hash-policy": "l3", "allow-fast-path": "true"},
	}.run(t)
}

func TestAccIPv6Pool(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_pool", menu: "/ipv6/pool",
		create: `
  name          = "delegated"
  prefix        = "2001:db8:100::/56"
  prefix_length = 64`,
		update: `
  name          = "delegated"
  prefix        = "2001:db8:200::/56"
  prefix_length = 60
  comment       = "from the ISP"`,
		find:        map[string]string{"name": "delegated"},
		afterCreate: map[string]string{"prefix": "2001:db8:100::/56", "prefix-length": "64"},
		afterUpdate: map[string]string{"prefix": "2001:db8:200::/56", "prefix-length": "60", "comment": "from the ISP"},
		drift:       []string{"=prefix-length=64"},
		importID:    "delegated",
	}.run(t)
}

func TestAccIPv6Address(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_address", menu: "/ipv6/address", deps: bridgeDeps,
		create: `
  address   = "2001:db8:10::1/64"
  interface = homelab_routeros_interface_bridge.clients.name`,
		update: `
  address   = "2001:db8:10::1/64"
  interface = homelab_routeros_interface_bridge.proxmox.name
  advertise = false
  no_dad    = true
  comment   = "clients"`,
		find:        map[string]string{"address": "2001:db8:10::1/64"},
		afterCreate: map[string]string{"interface": "bridge-clients", "advertise": "true"},
		afterUpdate: map[string]string{"interface": "bridge-proxmox", "advertise": "false", "no-dad": "true", "comment": "clients"},
		drift:       []string{"=advertise=yes", "=interface=bridge-clients"},
		importID:    "2001:db8:10::1/64",
	}.run(t)
}

// TestAccIPv6AddressFromPool: the configured host part (::1/64) matches
// the whole address the router prints.
func TestAccIPv6AddressFromPool(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_address", menu: "/ipv6/address", deps: bridgeDeps + `
resource "homelab_routeros_ipv6_pool" "delegated" {
  name          = "delegated"
  prefix        = "2001:db8:100::/56"
  prefix_length = 64
}
`,
		create: `
  address   = "::1/64"
  from_pool = homelab_routeros_ipv6_pool.delegated.name
  interface = homelab_routeros_interface_bridge.clients.name`,
		update: `
  address   = "::1/64"
  from_pool = homelab_routeros_ipv6_pool.delegated.name
  interface = homelab_routeros_interface_bridge.clients.name
  comment   = "clients, delegated"`,
		find:        map[string]string{"from-pool": "delegated"},
		afterCreate: map[string]string{"address": "2001:db8:100::1/64"},
		afterUpdate: map[string]string{"address": "2001:db8:100::1/64", "comment": "clients, delegated"},
		drift:       []string{"=comment=by hand"},
		importID:    "from_pool=delegated",
	}.run(t)
}

// TestAccIPv6AddressEUI64: the configured network (2001:db8:10::/64) matches
// the address the router prints with the EUI-64 host part of ether2's MAC.
func TestAccIPv6AddressEUI64(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_address", menu: "/ipv6/address",
		create: `
  address   = "2001:db8:10::/64"
  eui_64    = true
  interface = "ether2"`,
		update: `
  address   = "2001:db8:10::/64"
  eui_64    = true
  interface = "ether2"
  advertise = false`,
		find:        map[string]string{"eui-64": "true"},
		afterCreate: map[string]string{"address": "2001:db8:10:0:4e5e:cff:fe00:2/64"},
		afterUpdate: map[string]string{"advertise": "false"},
		drift:       []string{"=advertise=yes"},
		importID:    "2001:db8:10:0:4e5e:cff:fe00:2/64",
	}.run(t)
}
