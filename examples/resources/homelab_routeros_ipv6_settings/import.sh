# A settings menu: any ID imports it.
tofu import homelab_routeros_ipv6_settings.this /ipv6/settings
