# One resource owns the whole IPv6 input chain, in this order. ICMPv6 stays
# open: neighbour discovery and path MTU discovery need it.
resource "homelab_routeros_ipv6_firewall_filter" "input" {
  chain = "input"
  rule = [
    { action = "accept", connection_state = ["established", "related", "untracked"], comment = "established/related" },
    { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    { action = "accept", protocol = "icmpv6", comment = "ICMPv6" },
    { action = "accept", protocol = "udp", dst_port = "546", src_address = "fe80::/10", comment = "DHCPv6 prefix delegation" },
    { action = "accept", protocol = "tcp", dst_port = "22,8291", src_address_list = "mgmt", comment = "admin from mgmt" },
    { action = "drop", in_interface = "ether1", log = true, log_prefix = "v6-wan", comment = "drop the rest from WAN" },
  ]
}

resource "homelab_routeros_ipv6_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "accept", connection_state = ["established", "related"], comment = "established/related" },
    { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    { action = "accept", protocol = "icmpv6", comment = "ICMPv6" },
    { action = "accept", in_interface = "bridge-clients", out_interface = "ether1", comment = "clients out" },
    { action = "reject", reject_with = "icmp-admin-prohibited", comment = "reject the rest" },
  ]
}
