resource "homelab_routeros_interface_bridge_vlan" "vms" {
  bridge   = "bridge-proxmox"
  vlan_ids = ["10", "20"]
  tagged   = ["bridge-proxmox", "ether2", "ether3", "ether4"]
}
