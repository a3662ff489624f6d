resource "homelab_routeros_system_logging_action" "syslog" {
  name   = "syslog"
  target = "remote"
  remote = "10.10.0.20"
}

# Everything but debug, and the firewall's log actions, to the syslog.
resource "homelab_routeros_system_logging" "syslog" {
  for_each = { main = ["info", "error", "warning", "critical", "!debug"], firewall = ["firewall"] }
  topics   = each.value
  action   = homelab_routeros_system_logging_action.syslog.name
}
