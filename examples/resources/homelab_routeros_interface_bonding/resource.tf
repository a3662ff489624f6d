resource "homelab_routeros_interface_bonding" "storage" {
  name                 = "bonding-storage"
  slaves               = ["ether9", "ether10"]
  mode                 = "802.3ad"
  transmit_hash_policy = "layer-3-and-4"
  lacp_rate            = "1sec"
  comment              = "storage.rachuna-net.pl"
}
