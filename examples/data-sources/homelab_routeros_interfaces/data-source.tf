data "homelab_routeros_interfaces" "ports" {
  type       = "ether"
  name_regex = "^ether([2-4])$"
}

output "proxmox_trunks" {
  value = [for i in data.homelab_routeros_interfaces.ports.interfaces : i.name]
}
