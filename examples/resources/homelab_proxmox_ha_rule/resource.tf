# ct01005-ct01007 (the Vault cluster) under HA, one per node: each prefers
# its own node, and a negative resource affinity keeps them apart.
locals {
  vault = { "1005" = "pve-s1", "1006" = "pve-s2", "1007" = "pve-s3" }
}

resource "homelab_proxmox_ha_resource" "vault" {
  for_each = local.vault
  sid      = "ct:${each.key}"
}

resource "homelab_proxmox_ha_rule" "vault_home" {
  for_each  = local.vault
  rule      = "vault-${each.key}-home"
  type      = "node-affinity"
  resources = [homelab_proxmox_ha_resource.vault[each.key].sid]
  # Its own node first, any other node when that one is down.
  nodes = { (each.value) = 2 }
}

resource "homelab_proxmox_ha_rule" "vault_apart" {
  rule      = "vault-apart"
  type      = "resource-affinity"
  affinity  = "negative"
  resources = [for r in homelab_proxmox_ha_resource.vault : r.sid]
  comment   = "Never two Vault nodes on one host"
}
