# By .id or by interface.
tofu import homelab_routeros_ip_dhcp_client.wan ether1
