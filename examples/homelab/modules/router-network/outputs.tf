output "router_addresses" {
  value = { for name, a in homelab_routeros_ip_address.router : name => a.address }
}

output "guest_vlans" {
  description = <<-EOT
    VLAN ids the Proxmox guests tag on the nodes' vmbr0 (internal, dmz), known
    once the router carries them, so guests come after their network.
  EOT
  value = {
    internal = homelab_routeros_interface_vlan.guest["ether2-vlan-vms-internal"].vlan_id
    dmz      = homelab_routeros_interface_vlan.guest["ether2-vlan-vms-dmz"].vlan_id
  }
}

output "haproxy_vip" {
  value = local.dns_records["vault"]
}
