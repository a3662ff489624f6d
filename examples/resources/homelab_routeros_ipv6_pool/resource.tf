# The /56 the ISP delegates, handed out as /64s.
resource "homelab_routeros_ipv6_pool" "delegated" {
  name          = "delegated"
  prefix        = "2001:db8:100::/56"
  prefix_length = 64
}
