resource "homelab_routeros_interface_list" "mgmt" {
  name = "MGMT"
}

# Announce the router (and listen) only on the management network.
resource "homelab_routeros_ip_neighbor_discovery_settings" "this" {
  discover_interface_list = homelab_routeros_interface_list.mgmt.name
  protocol                = ["lldp", "mndp"]
}
