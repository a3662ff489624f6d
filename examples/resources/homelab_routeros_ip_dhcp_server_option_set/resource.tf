resource "homelab_routeros_ip_dhcp_server_option" "tftp_name" {
  name  = "tftp-server-name"
  code  = 66
  value = "s'tftp.rachuna-net.pl'"
}

resource "homelab_routeros_ip_dhcp_server_option" "boot_file" {
  name  = "boot-file-name"
  code  = 67
  value = "s'pxelinux.0'"
}

# Both options, handed out together by every network that names the set.
resource "homelab_routeros_ip_dhcp_server_option_set" "pxe" {
  name = "pxe"
  options = [
    homelab_routeros_ip_dhcp_server_option.tftp_name.name,
    homelab_routeros_ip_dhcp_server_option.boot_file.name,
  ]
}

resource "homelab_routeros_ip_dhcp_server_network" "pxe" {
  address         = "10.10.40.0/24"
  gateway         = "10.10.40.1"
  dhcp_option_set = homelab_routeros_ip_dhcp_server_option_set.pxe.name
}
