# By service name.
tofu import 'homelab_routeros_ip_service.admin["ssh"]' ssh
