resource "homelab_routeros_interface_bridge" "proxmox" {
  name = "bridge-proxmox"
}

# The untagged part of each Proxmox trunk is the management network.
resource "homelab_routeros_interface_bridge_port" "proxmox" {
  for_each  = toset(["ether2", "ether3", "ether4"])
  bridge    = homelab_routeros_interface_bridge.proxmox.name
  interface = each.value
  comment   = "pve trunk"
}
