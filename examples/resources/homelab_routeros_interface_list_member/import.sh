# By .id or by field=value.
tofu import 'homelab_routeros_interface_list_member.lan["bridge-proxmox"]' list=LAN,interface=bridge-proxmox
