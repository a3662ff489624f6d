# Interface lists, address lists, the firewall (filter, NAT, mangle, raw).
# Each chain is one resource whose rules end up on the router in exactly the
# order written here; a reorder made on the router shows as drift and the
# next apply restores it.

resource "homelab_routeros_interface_list" "this" {
  for_each = toset(["WAN", "LAN", "MGMT"])

  name    = each.key
  comment = "managed by OpenTofu"
}

resource "homelab_routeros_interface_list_member" "wan" {
  list      = homelab_routeros_interface_list.this["WAN"].name
  interface = homelab_routeros_interface_ethernet.port["ether1"].name
}

# Every bridge and the WireGuard tunnel are the lab (DNS, NTP, the internet).
resource "homelab_routeros_interface_list_member" "lan" {
  for_each = merge(
    { for name in keys(local.bridges) : name => homelab_routeros_interface_bridge.this[name].name },
    { wireguard = homelab_routeros_interface_wireguard.remote.name },
  )

  list      = homelab_routeros_interface_list.this["LAN"].name
  interface = each.value
}

# The layer-2 management list: where neighbour discovery and the MAC server
# run (system.tf). WireGuard is layer 3 and reaches management by address.
resource "homelab_routeros_interface_list_member" "mgmt" {
  list      = homelab_routeros_interface_list.this["MGMT"].name
  interface = homelab_routeros_interface_bridge.this["bridge-proxmox"].name
}

locals {
  # Sources arriving on the WAN that cannot be genuine: unroutable, reserved
  # and documentation ranges, and the lab's own networks. RFC 1918 and
  # 100.64.0.0/10 are not listed: an ISP's DHCP may well hand out such a WAN
  # address, and its servers then talk from them.
  bogons = ["0.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16", "192.0.2.0/24", "198.51.100.0/24",
  "203.0.113.0/24", "224.0.0.0/3", "10.10.0.0/16"]

  address_lists = merge(
    { for net in var.management_networks : "mgmt/${net}" => { list = "mgmt", address = net } },
    { for net in var.automation_networks : "automation/${net}" => { list = "automation", address = net } },
    { "storage/${local.bridges["bridge-storage"]}.0/24" = { list = "storage", address = "${local.bridges["bridge-storage"]}.0/24" } },
    { for net in local.bogons : "bogons/${net}" => { list = "bogons", address = net } },
  )

  # Networks that must not reach storage or hypervisor management.
  untrusted = ["bridge-clients", "bridge-vms-dmz"]
  protected = ["storage", "mgmt"]

  # The hypervisors' network: its NFS traffic to the NAS skips connection
  # tracking (raw) and is accepted as untracked.
  proxmox_network = "${local.bridges["bridge-proxmox"]}.0/24"
}

# mgmt: administrators (the management network, WireGuard peers); automation:
# where tofu runs (GitLab runners); storage: the NAS; bogons: see above.
resource "homelab_routeros_ip_firewall_address_list" "this" {
  for_each = local.address_lists

  list    = each.value.list
  address = each.value.address
  comment = "managed by OpenTofu"
}

resource "homelab_routeros_ip_firewall_filter" "input" {
  chain = "input"
  rule = [
    { action = "accept", connection_state = ["established", "related", "untracked"], comment = "established/related first" },
    { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    { action = "accept", protocol = "icmp", comment = "ping" },
    { action = "accept", protocol = "udp", dst_port = tostring(var.wireguard_port), in_interface_list = "WAN", comment = "WireGuard" },
    { action = "accept", protocol = "udp", dst_port = "53,67,123", in_interface_list = "LAN", comment = "DNS, DHCP and NTP from the lab" },
    { action = "accept", protocol = "tcp", dst_port = "53", in_interface_list = "LAN", comment = "DNS over TCP from the lab" },
    { action = "accept", protocol = "tcp", dst_port = "22,443,8291,8728,8729", src_address_list = "mgmt", comment = "management from the management networks" },
    { action = "accept", protocol = "tcp", dst_port = "8728,8729", src_address_list = "automation", comment = "the API from where tofu runs" },
    { action = "drop", comment = "drop everything else" },
  ]

  depends_on = [homelab_routeros_interface_list_member.lan, homelab_routeros_interface_list_member.wan, homelab_routeros_ip_firewall_address_list.this]
}

resource "homelab_routeros_ip_firewall_filter" "forward" {
  chain = "forward"
  rule = concat(
    [
      { action = "fasttrack-connection", connection_state = ["established", "related"], comment = "fasttrack" },
      { action = "accept", connection_state = ["established", "related", "untracked"], comment = "established/related first, untracked (NFS) too" },
      { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    ],
    [
      for pair in setproduct(local.untrusted, local.protected) : {
        action           = "drop"
        in_interface     = homelab_routeros_interface_bridge.this[pair[0]].name
        dst_address_list = pair[1]
        comment          = "${trimprefix(pair[0], "bridge-")} cannot reach ${pair[1]}"
      }
    ],
    [
      { action = "accept", in_interface_list = "LAN", out_interface_list = "WAN", comment = "the lab reaches the internet" },
      { action = "drop", in_interface_list = "WAN", connection_nat_state = "!dstnat", comment = "nothing from the WAN unless forwarded" },
    ],
  )

  depends_on = [homelab_routeros_interface_list_member.lan, homelab_routeros_interface_list_member.wan, homelab_routeros_ip_firewall_address_list.this]
}

resource "homelab_routeros_ip_firewall_nat" "srcnat" {
  chain = "srcnat"
  rule = [
    { action = "masquerade", out_interface_list = "WAN", comment = "masquerade out of the WAN" },
  ]

  depends_on = [homelab_routeros_interface_list_member.wan]
}

# HTTPS and the Kubernetes API published on the WAN address, to the HAProxy VIP.
resource "homelab_routeros_ip_firewall_nat" "dstnat" {
  chain = "dstnat"
  rule = [
    { action = "dst-nat", in_interface_list = "WAN", protocol = "tcp", dst_port = "443,6443", to_addresses = local.dns_records["vault"], comment = "443 and 6443 to the HAProxy VIP" },
  ]

  depends_on = [homelab_routeros_interface_list_member.wan]
}

# Before connection tracking: spoofed and bogon sources from the WAN are
# dropped, and the hypervisors' NFS traffic to the NAS (heavy, long-lived,
# already confined by the interfaces) is not tracked.
resource "homelab_routeros_ip_firewall_raw" "prerouting" {
  chain = "prerouting"
  rule = [
    { action = "drop", in_interface_list = "WAN", src_address_list = "bogons", comment = "bogon sources from the WAN" },
    { action = "notrack", src_address = local.proxmox_network, dst_address_list = "storage", comment = "NFS: hypervisors to the NAS" },
    { action = "notrack", src_address_list = "storage", dst_address = local.proxmox_network, comment = "NFS: the NAS to the hypervisors" },
  ]

  depends_on = [homelab_routeros_interface_list_member.wan, homelab_routeros_ip_firewall_address_list.this]
}

# WireGuard's MTU (1420) is below the lab's: clamp the MSS of TCP connections
# through the tunnel so that remote clients do not stall on large packets.
resource "homelab_routeros_ip_firewall_mangle" "forward" {
  chain = "forward"
  rule = [
    { action = "change-mss", new_mss = "clamp-to-pmtu", protocol = "tcp", tcp_flags = "syn", out_interface = homelab_routeros_interface_wireguard.remote.name, passthrough = true, comment = "MSS clamp into WireGuard" },
    { action = "change-mss", new_mss = "clamp-to-pmtu", protocol = "tcp", tcp_flags = "syn", in_interface = homelab_routeros_interface_wireguard.remote.name, passthrough = true, comment = "MSS clamp out of WireGuard" },
  ]
}
