resource "homelab_routeros_system_ntp_client" "this" {
  enabled = true
}

# The lab's own time source first, with a faster poll, and a public pool.
resource "homelab_routeros_system_ntp_client_servers" "lab" {
  address  = "10.10.0.20"
  min_poll = 4
  max_poll = 8
  comment  = "lab time server"
}

resource "homelab_routeros_system_ntp_client_servers" "pool" {
  address = "0.pool.ntp.org"
}
