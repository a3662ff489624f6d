# Remote access into the lab. The router generates the private key; give
# peers the public key.
resource "homelab_routeros_interface_wireguard" "remote" {
  name        = "wg-remote"
  listen_port = 51820
  comment     = "remote access"
}

output "wireguard_public_key" {
  value = homelab_routeros_interface_wireguard.remote.public_key
}
