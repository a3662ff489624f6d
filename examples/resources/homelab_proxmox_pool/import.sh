# A pool is imported by its id.
tofu import homelab_proxmox_pool.infra infra
