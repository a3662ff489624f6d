# An HA resource is imported by its sid: ct:<vmid> or vm:<vmid>.
tofu import homelab_proxmox_ha_resource.vault_1 ct:1005
