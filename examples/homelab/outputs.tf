output "router_addresses" {
  description = "The router's address on each bridge."
  value       = module.network.router_addresses
}

output "guests" {
  description = "Every guest: node, VMID and kind."
  value       = module.guests.guests
}

output "root_ca_certificate" {
  description = "Install this in your browsers and hosts to trust the lab."
  value       = module.pki.root_ca_certificate
}

output "intermediate_ca_chain" {
  value = module.pki.intermediate_ca_chain
}
