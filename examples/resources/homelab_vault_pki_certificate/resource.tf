# Served by HAProxy on the VIP; renewed by the first plan within 14 days of expiry.
# issuer_ref ties the certificate to the intermediate: replacing the intermediate
# re-issues it in the same apply.
resource "homelab_vault_pki_certificate" "vault" {
  mount                 = homelab_vault_pki_role.rachuna_net.mount
  role                  = homelab_vault_pki_role.rachuna_net.name
  issuer_ref            = homelab_vault_pki_intermediate_ca.int.issuer_id
  common_name           = "vault.rachuna-net.pl"
  alt_names             = ["vault-ui.rachuna-net.pl"]
  ip_sans               = ["10.10.10.10"]
  ttl                   = "2160h"
  min_seconds_remaining = 1209600
  revoke                = true
}

resource "homelab_vault_pki_certificate" "consul" {
  mount       = homelab_vault_pki_role.rachuna_net.mount
  role        = homelab_vault_pki_role.rachuna_net.name
  issuer_ref  = homelab_vault_pki_intermediate_ca.int.issuer_id
  common_name = "consul.rachuna-net.pl"
  ttl         = "2160h"
}

# HAProxy wants certificate, chain and key in one PEM file.
output "vault_pem_bundle" {
  value = join("\n", concat(
    [homelab_vault_pki_certificate.vault.certificate],
    homelab_vault_pki_certificate.vault.ca_chain,
    [homelab_vault_pki_certificate.vault.private_key],
  ))
  sensitive = true
}
