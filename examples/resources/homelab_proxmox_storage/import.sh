# A storage is imported by its id.
tofu import homelab_proxmox_storage.nas_backup nas-backup
