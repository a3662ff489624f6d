# A router that forwards IPv6 takes no router advertisements or redirects.
resource "homelab_routeros_ipv6_settings" "this" {
  forward                      = true
  accept_router_advertisements = "no"
  accept_redirects             = "no"
}
