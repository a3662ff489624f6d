resource "homelab_routeros_interface_list" "wan" {
  name = "WAN"
}

resource "homelab_routeros_interface_list" "lan" {
  name    = "LAN"
  comment = "every internal bridge"
}
