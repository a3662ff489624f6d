# The WAN uplink, the routing policy and WireGuard remote access.

# The ISP hands out the WAN address, the default route and its own DNS and
# NTP servers on ether1; the lab keeps its own resolvers (homelab_routeros_ip_dns)
# and time servers (system.tf), so only the address and the route are taken.
resource "homelab_routeros_ip_dhcp_client" "wan" {
  interface              = homelab_routeros_interface_ethernet.port["ether1"].name
  add_default_route      = "yes"
  default_route_distance = 1
  use_peer_dns           = false
  use_peer_ntp           = false
  comment                = "WAN uplink"
}

# Routing policy: the only default route is the DHCP client's (distance 1; a
# second uplink would be a static 0.0.0.0/0 with a higher distance and
# check_gateway = "ping"). The lab's own networks are connected routes, more
# specific than these blackholes: a private destination the lab does not use
# is dropped here instead of leaking to the ISP along the default route.
resource "homelab_routeros_ip_route" "private_blackhole" {
  for_each = toset(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"])

  dst_address = each.key
  blackhole   = true
  distance    = 254
  comment     = "unused private range: never out of the WAN"
}

# Remote access to the management network. The router generates the private
# key and keeps it (sensitive) in the state; give the peers `public_key`
# (output wireguard_public_key).
resource "homelab_routeros_interface_wireguard" "remote" {
  name        = "wg-remote"
  listen_port = var.wireguard_port
  comment     = "remote access to the lab"
}

resource "homelab_routeros_ip_address" "wireguard" {
  address   = "${cidrhost(var.wireguard_network, 1)}/${split("/", var.wireguard_network)[1]}"
  interface = homelab_routeros_interface_wireguard.remote.name
  comment   = "router on ${homelab_routeros_interface_wireguard.remote.name}"
}

resource "homelab_routeros_interface_wireguard_peer" "remote" {
  for_each = var.wireguard_peers

  interface       = homelab_routeros_interface_wireguard.remote.name
  name            = each.key
  public_key      = each.value.public_key
  preshared_key   = lookup(var.wireguard_preshared_keys, each.key, null)
  allowed_address = ["${each.value.address}/32"]
  comment         = "remote access: ${each.key}"
}
