resource "homelab_routeros_ip_ssh" "this" {
  strong_crypto = true
  host_key_type = "ed25519"
}
