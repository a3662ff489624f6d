# Each node's second NIC as an LACP bond, carrying a VLAN-aware bridge with
# the MikroTik's VLANs 10 (servers) and 20 (DMZ).
locals {
  nodes = ["pve-s1", "pve-s2", "pve-s3"]
}

resource "homelab_proxmox_node_network" "bond0" {
  for_each              = toset(local.nodes)
  node                  = each.key
  iface                 = "bond0"
  type                  = "bond"
  slaves                = ["eno2"]
  bond_mode             = "802.3ad"
  bond_xmit_hash_policy = "layer3+4"
}

resource "homelab_proxmox_node_network" "trunk" {
  for_each          = toset(local.nodes)
  node              = each.key
  iface             = "vmbr1"
  type              = "bridge"
  bridge_ports      = [homelab_proxmox_node_network.bond0[each.key].iface]
  bridge_vlan_aware = true
  bridge_vids       = ["10", "20"]
  comments          = "Trunk to the MikroTik (VLAN 10, 20)"
}
