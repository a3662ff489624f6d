# The SNMP agent, answering the monitoring host and sending it traps.
resource "homelab_routeros_snmp" "this" {
  enabled         = true
  contact         = "noc@lab.example"
  location        = "rack 1"
  trap_target     = ["10.10.0.20"]
  trap_version    = 2
  trap_community  = homelab_routeros_snmp_community.monitoring.name
  trap_generators = ["interfaces", "start-trap"]
}

resource "homelab_routeros_snmp_community" "monitoring" {
  name      = "monitoring"
  addresses = ["10.10.0.20/32"]
}
