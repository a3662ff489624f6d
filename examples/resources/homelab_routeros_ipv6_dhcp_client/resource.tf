# Ask the ISP for a /56 on the WAN port; the router keeps it in the pool "isp",
# which hands out /64s to the inside networks (homelab_routeros_ipv6_address with from_pool = "isp").
resource "homelab_routeros_ipv6_dhcp_client" "wan" {
  interface         = "ether1"
  request           = ["prefix"]
  pool_name         = "isp"
  prefix_hint       = "::/56"
  add_default_route = true
  comment           = "ISP prefix delegation"
}
