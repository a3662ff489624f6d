resource "homelab_routeros_ip_dhcp_server_network" "proxmox" {
  address    = "10.10.0.0/24"
  gateway    = "10.10.0.1"
  dns_server = ["10.10.0.1"]
  domain     = "rachuna-net.pl"
  ntp_server = ["10.10.0.1"]
}

# Network boot for the lab's PXE clients: TFTP server and boot file, plus
# a custom option for the TFTP server's name.
resource "homelab_routeros_ip_dhcp_server_option" "tftp_name" {
  name  = "tftp-server-name"
  code  = 66
  value = "s'tftp.rachuna-net.pl'"
}

resource "homelab_routeros_ip_dhcp_server_network" "pxe" {
  address        = "10.10.40.0/24"
  gateway        = "10.10.40.1"
  dns_server     = ["10.10.0.1"]
  next_server    = "10.10.40.5"
  boot_file_name = "pxelinux.0"
  dhcp_option    = [homelab_routeros_ip_dhcp_server_option.tftp_name.name]
}

# An isolated network: no DNS server handed out at all.
resource "homelab_routeros_ip_dhcp_server_network" "iot" {
  address  = "10.10.60.0/24"
  gateway  = "10.10.60.1"
  dns_none = true
}
