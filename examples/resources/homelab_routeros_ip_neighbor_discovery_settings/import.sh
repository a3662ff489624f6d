# A settings menu: any ID imports it.
tofu import homelab_routeros_ip_neighbor_discovery_settings.this settings
