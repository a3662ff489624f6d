# The storage network sits behind the NAS's own router.
resource "homelab_routeros_ip_route" "storage" {
  dst_address   = "10.30.0.0/16"
  gateway       = "10.10.0.254"
  check_gateway = "ping"
  comment       = "storage network behind the NAS"
}

# Drop traffic to an unused range instead of sending it to the ISP.
resource "homelab_routeros_ip_route" "unused" {
  dst_address = "10.99.0.0/16"
  blackhole   = true
}
