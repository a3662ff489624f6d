resource "homelab_routeros_ip_dhcp_server_network" "proxmox" {
  address    = "10.10.0.0/24"
  gateway    = "10.10.0.1"
  dns_server = ["10.10.0.1"]
  domain     = "rachuna-net.pl"
}
