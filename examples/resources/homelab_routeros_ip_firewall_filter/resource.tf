# One resource owns the whole forward chain: its rules end up on the router in
# exactly this order. To add a rule, insert it in the list where it belongs.
resource "homelab_routeros_ip_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "fasttrack-connection", connection_state = ["established", "related"], comment = "fasttrack" },
    { action = "accept", connection_state = ["established", "related"], comment = "established/related first" },
    { action = "drop", connection_state = ["invalid"], comment = "drop invalid" },
    { action = "drop", in_interface = "bridge-clients", out_interface = "bridge-storage", comment = "clients cannot reach storage" },
    { action = "drop", in_interface = "bridge-vms-dmz", out_interface = "bridge-storage", comment = "DMZ cannot reach storage" },
    { action = "drop", in_interface = "bridge-clients", out_interface = "bridge-proxmox", comment = "clients cannot reach management" },
    { action = "drop", in_interface = "bridge-vms-dmz", out_interface = "bridge-proxmox", comment = "DMZ cannot reach management" },
  ]
}

# Rules built from data keep their order too (no place_before, no cycles).
locals {
  admin_ports = { ssh = "22", winbox = "8291", api_ssl = "8729" }
}

resource "homelab_routeros_ip_firewall_filter" "input" {
  chain = "input"
  rule = concat(
    [{ action = "accept", connection_state = ["established", "related"], comment = "established/related" }],
    [for name, port in local.admin_ports : {
      action = "accept", protocol = "tcp", dst_port = port, in_interface = "bridge-proxmox", comment = "admin ${name}"
    }],
    [{ action = "drop", in_interface = "ether1", comment = "drop the rest from WAN" }],
  )
}
