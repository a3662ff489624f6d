resource "homelab_routeros_interface_list_member" "lan" {
  for_each  = toset(["bridge-proxmox", "bridge-vms-internal", "bridge-vms-dmz", "bridge-clients", "bridge-storage"])
  list      = "LAN"
  interface = each.value
}

resource "homelab_routeros_interface_list_member" "wan" {
  list      = "WAN"
  interface = "ether1"
}
