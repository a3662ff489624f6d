# VLAN 10 (VMS-INTERNAL) and VLAN 20 (VMS-DMZ) on each Proxmox trunk.
locals {
  trunks = ["ether2", "ether3", "ether4"]
}

resource "homelab_routeros_interface_vlan" "vms_internal" {
  for_each  = toset(local.trunks)
  name      = "${each.value}-vlan-vms-internal"
  vlan_id   = 10
  interface = each.value
  comment   = "VMS-INTERNAL"
}

resource "homelab_routeros_interface_vlan" "vms_dmz" {
  for_each  = toset(local.trunks)
  name      = "${each.value}-vlan-vms-dmz"
  vlan_id   = 20
  interface = each.value
  comment   = "VMS-DMZ"
}
