resource "homelab_proxmox_pool" "infra" {
  pool_id = "infra"
  comment = "Core services: DNS, Vault, HAProxy"
}

# Guests join a pool through their own `pool` attribute, e.g.
# homelab_proxmox_lxc.vault { pool = homelab_proxmox_pool.infra.pool_id }.
resource "homelab_proxmox_pool" "k8s" {
  pool_id = "k8s"
  comment = "Kubernetes nodes"
}
