resource "homelab_routeros_ip_pool" "proxmox" {
  name   = "pool-proxmox"
  ranges = ["10.10.0.100-10.10.0.199"]
}
