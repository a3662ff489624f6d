# By .id or by topics and action.
tofu import 'homelab_routeros_system_logging.syslog["firewall"]' 'topics=firewall,action=syslog'
