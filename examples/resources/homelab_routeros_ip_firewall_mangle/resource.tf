# Clamp the MSS of forwarded TCP connections to the path MTU (a PPPoE or WireGuard uplink).
resource "homelab_routeros_ip_firewall_mangle" "forward" {
  chain = "forward"
  rule = [
    { action = "change-mss", new_mss = "clamp-to-pmtu", protocol = "tcp", tcp_flags = "syn", passthrough = true, comment = "MSS clamp" },
  ]
}
