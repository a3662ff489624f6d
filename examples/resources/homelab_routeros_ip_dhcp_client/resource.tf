# The WAN uplink takes its address, default route and DNS servers from the ISP.
resource "homelab_routeros_ip_dhcp_client" "wan" {
  interface              = "ether1"
  default_route_distance = 1
  use_peer_dns           = false # the lab's resolvers are set in homelab_routeros_ip_dns
  comment                = "WAN"
}
