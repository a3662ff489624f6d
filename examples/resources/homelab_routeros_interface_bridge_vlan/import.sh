# By .id or by field=value.
tofu import homelab_routeros_interface_bridge_vlan.vms 'bridge=bridge-proxmox,vlan_ids=10,20'
