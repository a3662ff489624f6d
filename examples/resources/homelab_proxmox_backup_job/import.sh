# A backup job is imported by its id (Datacenter > Backup, or GET /cluster/backup).
tofu import homelab_proxmox_backup_job.nightly nightly
