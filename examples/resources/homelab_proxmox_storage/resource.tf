# The lab's NAS as shared NFS storage for backups, ISOs and templates.
resource "homelab_proxmox_storage" "nas_backup" {
  storage = "nas-backup"
  type    = "nfs"
  server  = "10.10.10.20"
  export  = "/volume1/pve-backup"
  options = "vers=4.2"
  content = ["backup", "iso", "vztmpl"]

  prune_backups = {
    keep_last    = 3
    keep_daily   = 7
    keep_weekly  = 4
    keep_monthly = 6
  }
}

# A local directory on one node only.
resource "homelab_proxmox_storage" "scratch" {
  storage = "scratch"
  type    = "dir"
  path    = "/srv/scratch"
  nodes   = ["pve-s1"]
  content = ["images", "rootdir"]
}

variable "pbs_password" {
  type      = string
  sensitive = true
  default   = "change-me"
}

# Proxmox Backup Server: the token secret is write-only, sent again when
# password_version changes.
resource "homelab_proxmox_storage" "pbs" {
  storage          = "pbs"
  type             = "pbs"
  server           = "10.10.10.30"
  datastore        = "lab"
  username         = "backup@pbs!pve"
  password         = var.pbs_password
  password_version = 1
  fingerprint      = "ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab"
}
