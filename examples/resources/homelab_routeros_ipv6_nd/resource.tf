# Every interface without a row of its own: stop advertising the router's DNS
# (the builtin "all" row is adopted; destroy restores RouterOS's defaults).
resource "homelab_routeros_ipv6_nd" "all" {
  interface     = "all"
  advertise_dns = false
}

# The clients bridge: faster advertisements, and DNS and other settings from DHCPv6.
resource "homelab_routeros_ipv6_nd" "clients" {
  interface           = "bridge-clients"
  ra_interval         = "20s-60s"
  advertise_dns       = true
  other_configuration = true
}
