# By node/vmid, or by the VMID alone (the node is looked up in the cluster).
# ostemplate, password and ssh_public_keys are not stored by PVE and stay empty.
tofu import homelab_proxmox_lxc.ct01005 pve-s1/1005
tofu import homelab_proxmox_lxc.ct01005 1005
