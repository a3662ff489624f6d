resource "homelab_routeros_ip_firewall_nat" "srcnat" {
  chain = "srcnat"
  rule = [
    { action = "masquerade", out_interface = "ether1", comment = "NAT to the WAN" },
  ]
}

resource "homelab_routeros_ip_firewall_nat" "dstnat" {
  chain = "dstnat"
  rule = [
    { action = "dst-nat", in_interface = "ether1", protocol = "tcp", dst_port = "443", to_addresses = "10.10.20.10", to_ports = "443", comment = "HTTPS to the HAProxy VIP" },
  ]
}
