resource "homelab_routeros_interface_wireguard" "remote" {
  name        = "wg-remote"
  listen_port = 51820
}

# A pre-shared key adds a symmetric layer; pass it in, e.g. TF_VAR_laptop_preshared_key.
variable "laptop_preshared_key" {
  type      = string
  sensitive = true
  default   = null
}

resource "homelab_routeros_interface_wireguard_peer" "laptop" {
  interface       = homelab_routeros_interface_wireguard.remote.name
  name            = "laptop"
  public_key      = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="
  preshared_key   = var.laptop_preshared_key
  allowed_address = ["10.255.0.2/32"]
}
