resource "homelab_routeros_ip_dns" "router" {
  servers               = ["1.1.1.1", "9.9.9.9"]
  allow_remote_requests = true
  cache_max_ttl         = "1d"
}
