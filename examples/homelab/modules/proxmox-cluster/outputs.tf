output "guests" {
  value = merge(
    { for k, c in homelab_proxmox_lxc.consul_vault : k => { node = c.node, vmid = c.vmid, kind = "lxc" } },
    { for k, c in homelab_proxmox_lxc.runner : k => { node = c.node, vmid = c.vmid, kind = "lxc" } },
    { for k, v in homelab_proxmox_vm.haproxy : k => { node = v.node, vmid = v.vmid, kind = "vm" } },
    { for k, v in homelab_proxmox_vm.kubernetes : k => { node = v.node, vmid = v.vmid, kind = "vm" } },
  )
}
