# By node/vmid, or by the VMID alone. `clone` and the cloud-init password are
# write-only (PVE never returns them): the import needs neither and plans no
# change for them.
tofu import homelab_proxmox_vm.haproxy_1 pve-s1/2001
tofu import homelab_proxmox_vm.haproxy_1 2001
