resource "homelab_routeros_ip_address" "proxmox" {
  address   = "10.10.0.1/24"
  interface = "bridge-proxmox"
  comment   = "Proxmox management gateway"
}
