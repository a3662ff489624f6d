# Interface lists, the firewall and NAT. Each chain is one resource whose rules
# end up on the router in exactly the order written here; a reorder made on
# the router shows as drift and the next apply restores it.

resource "homelab_routeros_interface_list" "this" {
  for_each = toset(["WAN", "LAN"])

  name    = each.key
  comment = "managed by OpenTofu"
}

resource "homelab_routeros_interface_list_member" "wan" {
  list      = homelab_routeros_interface_list.this["WAN"].name
  interface = homelab_routeros_interface_ethernet.port["ether1"].name
}

resource "homelab_routeros_interface_list_member" "lan" {
  for_each = local.bridges

  list      = homelab_routeros_interface_list.this["LAN"].name
  interface = homelab_routeros_interface_bridge.this[each.key].name
}

locals {
  # Networks that must not reach storage or hypervisor management.
  untrusted = ["bridge-clients", "bridge-vms-dmz"]
  protected = ["bridge-storage", "bridge-proxmox"]
}

resource "homelab_routeros_ip_firewall_filter" "input" {
  chain = "input"
  rule = [
    { action = "accept", connection_state = ["established", "related"], comment = "established/related first" },
    { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    { action = "accept", protocol = "icmp", comment = "ping" },
    { action = "accept", protocol = "udp", dst_port = "53,67", in_interface_list = "LAN", comment = "DNS and DHCP from the lab" },
    { action = "accept", protocol = "tcp", dst_port = "53", in_interface_list = "LAN", comment = "DNS over TCP from the lab" },
    { action = "accept", protocol = "tcp", dst_port = "22,8291,8729", in_interface = "bridge-proxmox", comment = "management from the proxmox network" },
    { action = "drop", comment = "drop everything else" },
  ]

  depends_on = [homelab_routeros_interface_list_member.lan]
}

resource "homelab_routeros_ip_firewall_filter" "forward" {
  chain = "forward"
  rule = concat(
    [
      { action = "fasttrack-connection", connection_state = ["established", "related"], comment = "fasttrack" },
      { action = "accept", connection_state = ["established", "related"], comment = "established/related first" },
      { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    ],
    [
      for pair in setproduct(local.untrusted, local.protected) : {
        action        = "drop"
        in_interface  = homelab_routeros_interface_bridge.this[pair[0]].name
        out_interface = homelab_routeros_interface_bridge.this[pair[1]].name
        comment       = "${trimprefix(pair[0], "bridge-")} cannot reach ${trimprefix(pair[1], "bridge-")}"
      }
    ],
    [
      { action = "accept", in_interface_list = "LAN", out_interface_list = "WAN", comment = "the lab reaches the internet" },
      { action = "drop", in_interface_list = "WAN", connection_nat_state = "!dstnat", comment = "nothing from the WAN unless forwarded" },
    ],
  )

  depends_on = [homelab_routeros_interface_list_member.lan, homelab_routeros_interface_list_member.wan]
}

resource "homelab_routeros_ip_firewall_nat" "srcnat" {
  chain = "srcnat"
  rule = [
    { action = "masquerade", out_interface_list = "WAN", comment = "masquerade out of the WAN" },
  ]

  depends_on = [homelab_routeros_interface_list_member.wan]
}
