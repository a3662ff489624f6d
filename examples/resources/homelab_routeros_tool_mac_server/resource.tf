resource "homelab_routeros_interface_list" "mgmt" {
  name = "MGMT"
}

# Only from the management network.
resource "homelab_routeros_tool_mac_server" "this" {
  allowed_interface_list = homelab_routeros_interface_list.mgmt.name
}
