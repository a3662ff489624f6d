# Ports are never created or deleted: the resource adopts the port with the
# given default_name. Destroying it renames the port back to ether1.
resource "homelab_routeros_interface_ethernet" "wan" {
  default_name = "ether1"
  name         = "ether1-wan"
  comment      = "WAN uplink"
}

resource "homelab_routeros_interface_ethernet" "storage" {
  for_each     = toset(["ether9", "ether10"])
  default_name = each.value
  mtu          = 9000
  comment      = "bonding-storage member"
}

# A port to an old switch that does not negotiate: fixed speed and duplex
# (the link modes of RouterOS 7.12 and later carry the duplex).
resource "homelab_routeros_interface_ethernet" "legacy" {
  default_name     = "ether7"
  name             = "ether7-legacy"
  auto_negotiation = false
  speed            = "100M-baseT-full"
  mdix_enable      = false
}

# An SFP+ cage with a module that runs hot, and PoE-out for an access point
# (on boards with PoE-out only; elsewhere the router refuses poe_* settings).
resource "homelab_routeros_interface_ethernet" "uplink" {
  default_name             = "sfp-sfpplus1"
  sfp_shutdown_temperature = 90
  sfp_ignore_rx_los        = false
}

resource "homelab_routeros_interface_ethernet" "ap" {
  default_name = "ether5"
  name         = "ether5-ap"
  poe_out      = "forced-on"
  poe_priority = 1
}
