# By .id or by name.
tofu import homelab_routeros_interface_vrrp.clients vrrp-clients
