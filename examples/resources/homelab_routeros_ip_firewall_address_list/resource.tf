# Networks allowed to reach the router's management services.
resource "homelab_routeros_ip_firewall_address_list" "mgmt" {
  for_each = toset(["10.10.0.0/24", "10.255.0.0/24"])
  list     = "mgmt"
  address  = each.value
}

# A temporary ban: the router removes the entry after a day.
resource "homelab_routeros_ip_firewall_address_list" "ban" {
  list    = "blocked"
  address = "203.0.113.7"
  timeout = "1d"
}
