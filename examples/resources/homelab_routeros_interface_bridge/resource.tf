resource "homelab_routeros_interface_bridge" "proxmox" {
  name    = "bridge-proxmox"
  comment = "hypervisor management"
}

resource "homelab_routeros_interface_bridge" "vms_internal" {
  name          = "bridge-vms-internal"
  protocol_mode = "rstp"
  comment       = "internal machines (VLAN 10)"
}
