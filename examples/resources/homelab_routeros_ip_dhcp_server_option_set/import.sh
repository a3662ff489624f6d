# By .id or by name.
tofu import homelab_routeros_ip_dhcp_server_option_set.pxe pxe
