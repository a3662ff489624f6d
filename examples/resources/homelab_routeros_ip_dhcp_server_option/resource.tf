# Option 66 (TFTP server name) and 252 (WPAD URL); networks, servers and
# leases hand them out by name.
resource "homelab_routeros_ip_dhcp_server_option" "tftp_name" {
  name  = "tftp-server-name"
  code  = 66
  value = "s'tftp.rachuna-net.pl'"
}

resource "homelab_routeros_ip_dhcp_server_option" "wpad" {
  name  = "wpad"
  code  = 252
  value = "s'http://wpad.rachuna-net.pl/wpad.dat'"
  force = true
}

# Option 42 (NTP servers) as raw addresses.
resource "homelab_routeros_ip_dhcp_server_option" "ntp" {
  name  = "ntp-servers"
  code  = 42
  value = "'10.10.0.1''10.10.0.2'"
}
