# Import a whole chain by its name.
tofu import homelab_routeros_ipv6_firewall_filter.forward forward
