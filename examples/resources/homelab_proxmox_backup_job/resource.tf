# Every guest of the cluster, nightly at 02:00, to the NAS, keeping a week
# of daily and a month of weekly backups.
resource "homelab_proxmox_backup_job" "nightly" {
  job_id   = "nightly"
  schedule = "*-*-* 02:00"
  storage  = "nas"
  mode     = "snapshot"
  compress = "zstd"
  all      = true
  exclude  = [9000] # the VM template

  prune_backups = {
    keep_daily  = 7
    keep_weekly = 4
  }

  notes_template   = "{{guestname}} on {{node}}"
  mailto           = ["admin@rachuna-net.pl"]
  mailnotification = "failure"
  comment          = "Nightly backup of the lab"
}

# The Vault containers again on weekdays at lunchtime.
resource "homelab_proxmox_backup_job" "vault" {
  job_id   = "vault-midday"
  schedule = "mon..fri 12:30"
  storage  = "nas"
  vmids    = [1005, 1006, 1007]
}
