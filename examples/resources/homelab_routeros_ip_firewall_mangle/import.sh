# Import a whole chain by its name.
tofu import homelab_routeros_ip_firewall_mangle.forward forward
