# By .id, by address, or by field=value.
tofu import homelab_routeros_ip_address.proxmox 10.10.0.1/24
