# The Vault container under HA: restarted up to three times on its node,
# then relocated.
resource "homelab_proxmox_ha_resource" "vault_1" {
  sid         = "ct:1005" # or "ct:${homelab_proxmox_lxc.vault_1.vmid}"
  state       = "started"
  max_restart = 3
  comment     = "Vault node 1"
}
