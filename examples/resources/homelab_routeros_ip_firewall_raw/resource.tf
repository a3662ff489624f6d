# Drop banned sources before connection tracking, and skip tracking for storage traffic.
resource "homelab_routeros_ip_firewall_raw" "prerouting" {
  chain = "prerouting"
  rule = [
    { action = "drop", src_address_list = "blocked", comment = "banned sources" },
    { action = "notrack", src_address = "10.10.0.0/24", dst_address = "10.30.0.0/24", comment = "NFS to the NAS" },
  ]
}
