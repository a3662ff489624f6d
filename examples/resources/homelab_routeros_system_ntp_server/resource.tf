# The lab's hosts take their time from the router.
resource "homelab_routeros_system_ntp_server" "this" {
  enabled = true
}
