# The router as the lab's network core (HOMELAB.md): ten ports, VLAN 10/20
# trunks to the Proxmox nodes, five bridges each with a DHCP server, a LACP
# bond to the NAS, DNS for the lab, and the system identity. The WAN uplink,
# routes and WireGuard are in wan.tf, the firewall in firewall.tf, the
# router's own services, users, time and logging in system.tf.

locals {
  ports = {
    ether1  = "WAN"
    ether2  = "trunk pve-s1"
    ether3  = "trunk pve-s2"
    ether4  = "trunk pve-s3"
    ether5  = "home router (clients)"
    ether6  = "printer"
    ether7  = "laptop"
    ether8  = "laptop"
    ether9  = "NAS bond"
    ether10 = "NAS bond"
  }
  trunks     = ["ether2", "ether3", "ether4"]
  guest_vlan = { "vms-internal" = 10, "vms-dmz" = 20 }

  # One VLAN interface per trunk port and guest VLAN: ether2-vlan-vms-internal, ...
  vlan_interfaces = {
    for pair in setproduct(local.trunks, keys(local.guest_vlan)) :
    "${pair[0]}-vlan-${pair[1]}" => { port = pair[0], net = pair[1] }
  }

  # bridge => subnet (x.y.z.0/24): the router is .1, DHCP hands out .100-.199.
  bridges = {
    "bridge-storage"      = "10.10.30"
    "bridge-proxmox"      = "10.10.0"
    "bridge-vms-dmz"      = "10.10.20"
    "bridge-vms-internal" = "10.10.10"
    "bridge-clients"      = "192.168.88"
  }

  bridge_ports = merge(
    { "bonding-storage" = "bridge-storage" },
    { for p in local.trunks : p => "bridge-proxmox" },
    { for name, v in local.vlan_interfaces : name => "bridge-${v.net}" },
    { for p in ["ether5", "ether6", "ether7", "ether8"] : p => "bridge-clients" },
  )

  # The router's own address on the management network (bridge-proxmox).
  router_address = "${local.bridges["bridge-proxmox"]}.1"

  dns_records = {
    router  = local.router_address
    vault   = "10.10.20.10" # HAProxy VIP
    consul  = "10.10.20.10"
    gitlab  = "10.10.10.20"
    pve-s1  = "10.10.0.11"
    pve-s2  = "10.10.0.12"
    pve-s3  = "10.10.0.13"
    storage = "10.10.30.10"
    syslog  = var.log_host
  }

  static_leases = {
    storage = { mac = "00:11:32:AA:BB:01", address = "10.10.30.10", server = "bridge-storage" }
    printer = { mac = "3C:2A:F4:10:20:30", address = "192.168.88.20", server = "bridge-clients" }
  }
}

resource "homelab_routeros_system_identity" "this" {
  name = var.identity
}

resource "homelab_routeros_interface_ethernet" "port" {
  for_each = local.ports

  default_name = each.key
  name         = each.key
}

resource "homelab_routeros_interface_vlan" "guest" {
  for_each = local.vlan_interfaces

  name      = each.key
  interface = homelab_routeros_interface_ethernet.port[each.value.port].name
  vlan_id   = local.guest_vlan[each.value.net]
  comment   = "${each.value.net} on ${each.value.port}"
}

resource "homelab_routeros_interface_bonding" "storage" {
  name                 = "bonding-storage"
  slaves               = [homelab_routeros_interface_ethernet.port["ether9"].name, homelab_routeros_interface_ethernet.port["ether10"].name]
  mode                 = "802.3ad"
  transmit_hash_policy = "layer-3-and-4"
  lacp_rate            = "1sec"
  comment              = "LACP to storage.${var.domain}"
}

resource "homelab_routeros_interface_bridge" "this" {
  for_each = local.bridges

  name           = each.key
  vlan_filtering = each.key == "bridge-clients"
  comment        = "managed by OpenTofu"
}

resource "homelab_routeros_interface_bridge_port" "this" {
  for_each = local.bridge_ports

  bridge    = homelab_routeros_interface_bridge.this[each.value].name
  interface = each.key
  comment   = "member of ${each.value}"

  depends_on = [homelab_routeros_interface_vlan.guest, homelab_routeros_interface_bonding.storage]
}

# The home router on ether5 also carries the clients' guest Wi-Fi as VLAN 30.
resource "homelab_routeros_interface_bridge_vlan" "clients_guest" {
  bridge   = homelab_routeros_interface_bridge.this["bridge-clients"].name
  vlan_ids = ["30"]
  tagged   = ["bridge-clients", "ether5"]

  depends_on = [homelab_routeros_interface_bridge_port.this]
}

resource "homelab_routeros_ip_address" "router" {
  for_each = local.bridges

  address   = "${each.value}.1/24"
  interface = homelab_routeros_interface_bridge.this[each.key].name
  comment   = "router on ${each.key}"
}

resource "homelab_routeros_ip_pool" "this" {
  for_each = local.bridges

  name   = "pool-${trimprefix(each.key, "bridge-")}"
  ranges = ["${each.value}.100-${each.value}.199"]
}

resource "homelab_routeros_ip_dhcp_server" "this" {
  for_each = local.bridges

  name         = each.key
  interface    = homelab_routeros_interface_bridge.this[each.key].name
  address_pool = homelab_routeros_ip_pool.this[each.key].name
  lease_time   = "1d"
}

resource "homelab_routeros_ip_dhcp_server_network" "this" {
  for_each = local.bridges

  address    = "${each.value}.0/24"
  gateway    = "${each.value}.1"
  dns_server = ["${each.value}.1"]
  ntp_server = ["${each.value}.1"] # the router's NTP server (system.tf)
  domain     = var.domain
  comment    = each.key
}

resource "homelab_routeros_ip_dhcp_server_lease" "this" {
  for_each = local.static_leases

  mac_address = each.value.mac
  address     = each.value.address
  server      = homelab_routeros_ip_dhcp_server.this[each.value.server].name
  comment     = each.key
}

resource "homelab_routeros_ip_dns" "this" {
  servers               = var.upstream_dns
  allow_remote_requests = true
  cache_size            = 4096
}

resource "homelab_routeros_ip_dns_record" "this" {
  for_each = local.dns_records

  name    = "${each.key}.${var.domain}"
  type    = "A"
  address = each.value
  ttl     = "1h"
}
