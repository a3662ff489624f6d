# The default route to the ISP's router, by its link-local address on the WAN port.
resource "homelab_routeros_ipv6_route" "default" {
  dst_address = "::/0"
  gateway     = "fe80::1%ether1"
  comment     = "ISP"
}

# Drop traffic to the unused part of the delegated prefix instead of sending it back upstream.
resource "homelab_routeros_ipv6_route" "unused" {
  dst_address = "2001:db8:100::/56"
  blackhole   = true
  distance    = 250
}
