# A fixed address for the printer on ether6 (bridge-clients).
resource "homelab_routeros_ip_dhcp_server_lease" "printer" {
  mac_address = "02:00:00:AA:BB:06"
  address     = "192.168.88.6"
  server      = "dhcp-clients"
  comment     = "printer"
}
