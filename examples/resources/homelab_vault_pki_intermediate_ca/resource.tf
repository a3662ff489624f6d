resource "homelab_vault_pki_mount" "pki_int" {
  path              = "pki_int"
  description       = "rachuna-net Intermediate CA"
  default_lease_ttl = "720h"
  max_lease_ttl     = "43800h"
}

# CSR in pki_int (internal key), signed by the root in pki, imported back,
# named and made the default issuer of pki_int: one resource.
resource "homelab_vault_pki_intermediate_ca" "int" {
  mount             = homelab_vault_pki_mount.pki_int.path
  signer_mount      = homelab_vault_pki_root_ca.root.mount
  signer_issuer_ref = homelab_vault_pki_root_ca.root.issuer_id
  common_name       = "rachuna-net Intermediate CA"
  organization      = ["rachuna-net"]
  country           = ["PL"]
  key_type          = "ec"
  key_bits          = 256
  ttl               = "43800h"
  issuer_name       = "int-2026"
}
