# Fails the plan early, with a clear message, when Vault is sealed.
data "homelab_vault_health" "this" {}

check "vault_unsealed" {
  assert {
    condition     = !data.homelab_vault_health.this.sealed
    error_message = "Vault is sealed: unseal it before applying PKI changes."
  }
}
