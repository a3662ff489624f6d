# Dual stack on the clients bridge: a ULA /64 advertised to the clients
# (SLAAC), the router's DNS in the advertisements, and IPv6 firewall chains
# that mirror the IPv4 ones: nothing reaches the router or the clients from
# the WAN but replies. With an ISP that delegates a prefix, add a
# homelab_routeros_ipv6_dhcp_client on ether1 and take the address
# `from_pool` its pool instead of the ULA.
resource "homelab_routeros_ipv6_address" "clients" {
  address   = "fd88:88::1/64"
  interface = homelab_routeros_interface_bridge.this["bridge-clients"].name
  advertise = true
}

resource "homelab_routeros_ipv6_nd" "clients" {
  interface     = homelab_routeros_interface_bridge.this["bridge-clients"].name
  advertise_dns = true
}

resource "homelab_routeros_ipv6_firewall_filter" "input" {
  chain = "input"
  rule = [
    { action = "accept", connection_state = ["established", "related", "untracked"], comment = "established/related" },
    { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    { action = "accept", protocol = "icmpv6", comment = "ICMPv6 (neighbour discovery, path MTU)" },
    { action = "drop", in_interface = homelab_routeros_interface_ethernet.port["ether1"].name, comment = "drop the rest from WAN" },
  ]
}

resource "homelab_routeros_ipv6_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "accept", connection_state = ["established", "related"], comment = "established/related" },
    { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    { action = "accept", protocol = "icmpv6", comment = "ICMPv6" },
    { action = "accept", in_interface = homelab_routeros_interface_bridge.this["bridge-clients"].name, comment = "clients out" },
    { action = "drop", comment = "drop the rest" },
  ]
}
