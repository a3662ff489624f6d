# IPv6 networks allowed to reach the router's management services.
resource "homelab_routeros_ipv6_firewall_address_list" "mgmt" {
  for_each = toset(["2001:db8:10::/64", "fd00:10::/64"])
  list     = "mgmt"
  address  = each.value
}

# A temporary ban: the router removes the entry after a day.
resource "homelab_routeros_ipv6_firewall_address_list" "ban" {
  list    = "blocked"
  address = "2001:db8:dead::7"
  timeout = "1d"
}
