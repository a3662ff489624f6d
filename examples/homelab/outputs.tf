output "router_addresses" {
  description = "The router's address on each bridge."
  value       = module.network.router_addresses
}

output "guests" {
  description = "Every guest: node, VMID and kind."
  value       = module.cluster.guests
}

output "root_ca_certificate" {
  description = "The lab's root CA: what the provider blocks trust (README.md), and what to install in your browsers and hosts."
  value       = module.pki.root_ca_certificate
}

output "intermediate_ca_chain" {
  description = "The intermediate CA's chain as one PEM (tofu output -raw intermediate_ca_chain > chain.pem)."
  value       = join("\n", module.pki.intermediate_ca_chain)
}

output "wireguard_public_key" {
  description = "The router's WireGuard public key, for the remote peers."
  value       = module.network.wireguard_public_key
}
