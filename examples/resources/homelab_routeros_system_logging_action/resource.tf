# The lab's central syslog.
resource "homelab_routeros_system_logging_action" "syslog" {
  name            = "syslog"
  target          = "remote"
  remote          = "10.10.0.20"
  bsd_syslog      = true
  syslog_facility = "local0"
}
