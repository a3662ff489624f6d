# The cluster around the guests: the NAS as shared NFS storage, resource
# pools, the nightly backup of every guest, and HA for Consul+Vault.

# `local` and `local-lvm` come with the installer; the NAS is added here (a
# reinstalled cluster gets it back from this resource). Destroy removes the
# definition only: the data stays on the NAS.
resource "homelab_proxmox_storage" "nas" {
  storage = "nas"
  type    = "nfs"
  server  = var.nas_address
  export  = var.nas_export
  options = "vers=4.2"
  content = ["images", "rootdir", "backup"]
}

# Guests join a pool through their own `pool` attribute (main.tf).
resource "homelab_proxmox_pool" "this" {
  for_each = {
    infra = "Core services: Consul and Vault, GitLab runners, HAProxy"
    k8s   = "Kubernetes masters and workers"
  }

  pool_id = each.key
  comment = each.value
}

# Every guest, nightly, to the NAS; a week of dailies, a month of weeklies
# and a quarter of monthlies are kept.
resource "homelab_proxmox_backup_job" "nightly" {
  job_id   = "nightly"
  schedule = "*-*-* 02:00"
  storage  = homelab_proxmox_storage.nas.storage
  mode     = "snapshot"
  compress = "zstd"
  all      = true
  prune_backups = {
    keep_daily   = 7
    keep_weekly  = 4
    keep_monthly = 3
  }
  notes_template   = "{{guestname}} on {{node}}"
  mailnotification = "failure"
  comment          = "Nightly backup of every guest"
}

# Consul+Vault under HA, one container per node: each is restarted on its
# node, relocated when that node is down, and moved back when it returns
# (failback), so the three Raft members normally sit on three hosts.
resource "homelab_proxmox_ha_resource" "consul_vault" {
  for_each = local.consul_vault

  sid         = "ct:${homelab_proxmox_lxc.consul_vault[each.key].vmid}"
  state       = "started"
  max_restart = 2
  comment     = "Consul and Vault, at home on ${each.value.node}"
}

resource "homelab_proxmox_ha_rule" "consul_vault_home" {
  for_each = local.consul_vault

  rule      = "${each.key}-home"
  type      = "node-affinity"
  resources = [homelab_proxmox_ha_resource.consul_vault[each.key].sid]
  # Its own node first; non-strict, so any other node while that one is down.
  nodes   = { (each.value.node) = 2 }
  comment = "${each.key} on ${each.value.node}"
}
