tofu import homelab_routeros_ip_pool.proxmox pool-proxmox
