# By node/vmid, or by the VMID alone (the node is looked up in the cluster).
# ostemplate, password and ssh_public_keys are write-only (PVE never returns
# them): the import needs none of them and plans no change for them.
tofu import homelab_proxmox_lxc.ct01005 pve-s1/1005
tofu import homelab_proxmox_lxc.ct01005 1005
