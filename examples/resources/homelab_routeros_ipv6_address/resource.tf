resource "homelab_routeros_interface_bridge" "clients" {
  name = "bridge-clients"
}

resource "homelab_routeros_ipv6_pool" "delegated" {
  name          = "delegated"
  prefix        = "2001:db8:100::/56"
  prefix_length = 64
}

# Dual stack on the clients bridge: a /64 of the delegated prefix, host ::1,
# advertised to the clients (SLAAC).
resource "homelab_routeros_ipv6_address" "clients" {
  address   = "::1/64"
  from_pool = homelab_routeros_ipv6_pool.delegated.name
  interface = homelab_routeros_interface_bridge.clients.name
  advertise = true
}

# A fixed ULA address, not advertised.
resource "homelab_routeros_ipv6_address" "mgmt" {
  address   = "fd00:10::1/64"
  interface = homelab_routeros_interface_bridge.clients.name
  advertise = false
}
