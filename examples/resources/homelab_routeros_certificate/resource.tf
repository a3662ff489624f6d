# The lab's PKI in Vault issues the router's api-ssl certificate.
resource "homelab_vault_pki_mount" "pki" {
  path = "pki"
}

resource "homelab_vault_pki_root_ca" "root" {
  mount       = homelab_vault_pki_mount.pki.path
  common_name = "rachuna-net.pl Root CA"
  ttl         = "87600h"
}

resource "homelab_vault_pki_role" "servers" {
  mount            = homelab_vault_pki_mount.pki.path
  name             = "servers"
  allowed_domains  = ["rachuna-net.pl"]
  allow_subdomains = true
  allow_ip_sans    = true
  max_ttl          = "2160h"
}

resource "homelab_vault_pki_certificate" "router" {
  mount                 = homelab_vault_pki_role.servers.mount
  role                  = homelab_vault_pki_role.servers.name
  common_name           = "router.rachuna-net.pl"
  ip_sans               = ["10.10.0.1"]
  ttl                   = "2160h"
  min_seconds_remaining = 1209600 # renewed by the first apply within 14 days of expiry
}

# The certificate with its key, for api-ssl. A renewed certificate is
# installed in place under the same name, so the binding below stays.
resource "homelab_routeros_certificate" "api" {
  name            = "router-api"
  certificate_pem = homelab_vault_pki_certificate.router.certificate
  private_key_pem = homelab_vault_pki_certificate.router.private_key # write-only: never stored
  chain_pem       = join("\n", homelab_vault_pki_certificate.router.ca_chain)
}

resource "homelab_routeros_ip_service" "api_ssl" {
  name        = "api-ssl"
  certificate = homelab_routeros_certificate.api.name
}

# Trust-only: the lab's root CA, so the router can verify other lab servers.
resource "homelab_routeros_certificate" "lab_root" {
  name            = "lab-root-ca"
  certificate_pem = homelab_vault_pki_root_ca.root.certificate
}
