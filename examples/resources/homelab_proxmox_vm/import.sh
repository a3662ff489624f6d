# By node/vmid, or by the VMID alone. `clone` and the cloud-init password are
# not stored by PVE and stay empty after an import.
tofu import homelab_proxmox_vm.haproxy_1 pve-s1/2001
tofu import homelab_proxmox_vm.haproxy_1 2001
