output "root_ca_certificate" {
  value = homelab_vault_pki_root_ca.root.certificate
}

output "intermediate_ca_chain" {
  value = homelab_vault_pki_intermediate_ca.int.ca_chain
}

output "certificates" {
  description = "PEM bundles (certificate, chain, key) for HAProxy, by service."
  sensitive   = true
  value = {
    for name, c in homelab_vault_pki_certificate.service :
    name => join("\n", concat([c.certificate], c.ca_chain, [c.private_key]))
  }
}

output "device_certificates" {
  description = "Each device's certificate, issuing chain and private key (PEM), by host name."
  sensitive   = true
  value = {
    for name, c in homelab_vault_pki_certificate.device : name => {
      certificate = c.certificate
      chain       = join("\n", c.ca_chain)
      private_key = c.private_key
    }
  }
}
