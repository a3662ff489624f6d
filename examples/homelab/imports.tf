# The PVE installer creates each node's vmbr0: adopt it instead of creating
# it (modules/proxmox-cluster/network.tf). On the first apply these imports
# take the bridges over; afterwards they are no-ops.
import {
  for_each = toset(local.pve_nodes)
  to       = module.cluster.homelab_proxmox_node_network.vmbr0[each.key]
  id       = "${each.key}/vmbr0"
}
