resource "homelab_routeros_system_ntp_client" "this" {
  enabled = true
  servers = ["0.pool.ntp.org", "1.pool.ntp.org"]
}
