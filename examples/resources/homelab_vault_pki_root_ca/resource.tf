resource "homelab_vault_pki_mount" "pki" {
  path          = "pki"
  description   = "rachuna-net Root CA"
  max_lease_ttl = "87600h"
}

# The key is generated inside Vault and never leaves it.
resource "homelab_vault_pki_root_ca" "root" {
  mount        = homelab_vault_pki_mount.pki.path
  common_name  = "rachuna-net Root CA"
  organization = ["rachuna-net"]
  country      = ["PL"]
  key_type     = "ec"
  key_bits     = 384
  ttl          = "87600h"
  issuer_name  = "root-2026"
}

output "root_ca_certificate" {
  value = homelab_vault_pki_root_ca.root.certificate
}
