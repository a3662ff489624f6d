# By .id, by interface, or by field=value.
tofu import 'homelab_routeros_interface_bridge_port.proxmox["ether2"]' ether2
