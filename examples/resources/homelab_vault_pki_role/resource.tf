# Certificates for *.rachuna-net.pl, signed by the intermediate.
resource "homelab_vault_pki_role" "rachuna_net" {
  mount            = homelab_vault_pki_intermediate_ca.int.mount
  name             = "rachuna-net-pl"
  issuer_ref       = homelab_vault_pki_intermediate_ca.int.issuer_id
  allowed_domains  = ["rachuna-net.pl"]
  allow_subdomains = true
  allow_ip_sans    = true
  ttl              = "720h"
  max_ttl          = "2160h"
  key_type         = "ec"
  key_bits         = 256
}
