# Each node's vmbr0, the bridge the PVE installer creates on the first NIC,
# as the trunk from the router: untagged the management network (the node's
# own address), VLAN 10 (vms-internal) and 20 (vms-dmz) for the guests, which
# set their NIC's `tag`. The installer's vmbr0 is adopted by the import
# blocks of the root module (imports.tf); PVE stages the change and the
# resource applies it with the network reload.
#
# Destroying this resource deletes the bridge, and the node's management
# address with it: to take the lab down but keep the nodes reachable, run
# `tofu state rm 'module.cluster.homelab_proxmox_node_network.vmbr0'` first.
resource "homelab_proxmox_node_network" "vmbr0" {
  for_each = toset(var.nodes)

  node              = each.key
  iface             = "vmbr0"
  type              = "bridge"
  bridge_ports      = [var.uplink]
  bridge_vlan_aware = true
  bridge_vids       = [for id in [var.vlans.internal, var.vlans.dmz] : tostring(id)]
  cidr              = "${var.node_addresses[each.key]}/${split("/", var.management_network)[1]}"
  gateway           = cidrhost(var.management_network, 1)
  autostart         = true
  comments          = "Trunk from the router: management untagged, VLAN ${var.vlans.internal} and ${var.vlans.dmz} for guests"
}
