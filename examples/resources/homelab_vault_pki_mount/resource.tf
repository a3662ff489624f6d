# The root CA's mount: its max lease TTL caps the root certificate's lifetime.
resource "homelab_vault_pki_mount" "pki" {
  path          = "pki"
  description   = "rachuna-net Root CA"
  max_lease_ttl = "87600h" # 10 years
}

# The intermediate's mount, which issues the lab's certificates.
resource "homelab_vault_pki_mount" "pki_int" {
  path              = "pki_int"
  description       = "rachuna-net Intermediate CA"
  default_lease_ttl = "720h"
  max_lease_ttl     = "43800h" # 5 years
}
