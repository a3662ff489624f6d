resource "homelab_routeros_tool_mac_server_ping" "this" {
  enabled = false
}
