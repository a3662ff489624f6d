# The lab's PKI in Vault issues each node's web/API certificate.
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

locals {
  nodes = { "pve-s1" = "10.10.10.11", "pve-s2" = "10.10.10.12", "pve-s3" = "10.10.10.13" }
}

resource "homelab_vault_pki_certificate" "pve" {
  for_each              = local.nodes
  mount                 = homelab_vault_pki_role.servers.mount
  role                  = homelab_vault_pki_role.servers.name
  common_name           = "${each.key}.rachuna-net.pl"
  ip_sans               = [each.value]
  ttl                   = "2160h"
  min_seconds_remaining = 1209600 # renewed by the first apply within 14 days of expiry
}

# Uploaded with its chain; pveproxy is reloaded so it serves it at once. A
# renewed certificate is uploaded again in place; destroy puts the node back
# on its self-signed pve-ssl.pem.
resource "homelab_proxmox_node_certificate" "pve" {
  for_each        = local.nodes
  node            = each.key
  certificate_pem = homelab_vault_pki_certificate.pve[each.key].certificate
  private_key_pem = homelab_vault_pki_certificate.pve[each.key].private_key # write-only: never stored
  chain_pem       = join("\n", homelab_vault_pki_certificate.pve[each.key].ca_chain)
}
