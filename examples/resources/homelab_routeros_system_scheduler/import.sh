# By .id or by name.
tofu import homelab_routeros_system_scheduler.nightly_backup nightly-backup
