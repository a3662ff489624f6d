resource "homelab_routeros_ip_dhcp_server" "proxmox" {
  name         = "dhcp-proxmox"
  interface    = "bridge-proxmox"
  address_pool = "pool-proxmox"
  lease_time   = "1d"
}
