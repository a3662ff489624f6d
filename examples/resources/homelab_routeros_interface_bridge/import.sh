# By .id (*1A), by name, or by field=value.
tofu import homelab_routeros_interface_bridge.proxmox bridge-proxmox
