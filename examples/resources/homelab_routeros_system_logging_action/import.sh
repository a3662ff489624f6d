# By .id or by name.
tofu import homelab_routeros_system_logging_action.syslog syslog
