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

output "hosts" {
  description = <<-EOT
    The lab's hosts by name (router, pve-s1..3, storage, ...) and their
    addresses, as the router's DNS serves them. Plain values, known before
    anything is applied: the PKI and the cluster can use them on the first
    (targeted) apply.
  EOT
  value       = local.dns_records
}

output "management_network" {
  description = "The hypervisors' management network (bridge-proxmox, untagged on the trunks); the router is its first address."
  value       = "${local.bridges["bridge-proxmox"]}.0/24"
}

output "wireguard_public_key" {
  description = "The router's WireGuard public key, for the peers' configuration."
  value       = homelab_routeros_interface_wireguard.remote.public_key
}
