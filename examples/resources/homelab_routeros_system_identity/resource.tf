resource "homelab_routeros_system_identity" "router" {
  name = "router.rachuna-net.pl"
}
