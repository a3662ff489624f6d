# Root CA in `pki`, intermediate CA in `pki_int` signed by it, a role for the
# lab's domain, the certificates HAProxy serves for Vault and Consul, and the
# devices' certificates (router, Proxmox nodes).

resource "homelab_vault_pki_mount" "pki" {
  path          = "pki"
  description   = "rachuna-net Root CA"
  max_lease_ttl = "87600h" # 10 years
}

resource "homelab_vault_pki_mount" "pki_int" {
  path              = "pki_int"
  description       = "rachuna-net Intermediate CA"
  default_lease_ttl = "720h"
  max_lease_ttl     = "43800h" # 5 years
}

resource "homelab_vault_pki_root_ca" "root" {
  mount        = homelab_vault_pki_mount.pki.path
  common_name  = "rachuna-net Root CA"
  organization = ["rachuna-net"]
  country      = ["PL"]
  key_type     = "ec"
  key_bits     = 384
  ttl          = "87600h"
  issuer_name  = "root"
}

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
  issuer_name       = "intermediate"
}

resource "homelab_vault_pki_config_urls" "pki_int" {
  mount                   = homelab_vault_pki_mount.pki_int.path
  issuing_certificates    = ["https://vault.${var.domain}:8200/v1/pki_int/ca"]
  crl_distribution_points = ["https://vault.${var.domain}:8200/v1/pki_int/crl"]
}

resource "homelab_vault_pki_role" "lab" {
  mount            = homelab_vault_pki_intermediate_ca.int.mount
  name             = replace(var.domain, ".", "-")
  issuer_ref       = homelab_vault_pki_intermediate_ca.int.issuer_id
  allowed_domains  = [var.domain]
  allow_subdomains = true
  allow_ip_sans    = true
  ttl              = "720h"
  max_ttl          = "2160h"
  key_type         = "ec"
  key_bits         = 256
}

# Served by HAProxy on the VIP; a plan within 14 days of expiry replaces them.
resource "homelab_vault_pki_certificate" "service" {
  for_each = toset(["vault", "consul"])

  mount                 = homelab_vault_pki_role.lab.mount
  role                  = homelab_vault_pki_role.lab.name
  common_name           = "${each.key}.${var.domain}"
  ip_sans               = [var.vip]
  ttl                   = "2160h"
  min_seconds_remaining = 1209600
}

# The devices' own certificates: the router's api-ssl/www-ssl and each
# Proxmox node's web/API. Installed by the router and cluster modules; the
# first apply within 14 days of expiry issues and installs new ones.
resource "homelab_vault_pki_certificate" "device" {
  for_each = var.devices

  mount                 = homelab_vault_pki_role.lab.mount
  role                  = homelab_vault_pki_role.lab.name
  common_name           = "${each.key}.${var.domain}"
  ip_sans               = each.value
  ttl                   = "2160h"
  min_seconds_remaining = 1209600
}
