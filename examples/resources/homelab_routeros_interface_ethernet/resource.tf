# Ports are never created or deleted: the resource adopts the port with the
# given default_name. Destroying it renames the port back to ether1.
resource "homelab_routeros_interface_ethernet" "wan" {
  default_name = "ether1"
  name         = "ether1-wan"
  comment      = "WAN uplink"
}

resource "homelab_routeros_interface_ethernet" "storage" {
  for_each     = toset(["ether9", "ether10"])
  default_name = each.value
  mtu          = 9000
  comment      = "bonding-storage member"
}
