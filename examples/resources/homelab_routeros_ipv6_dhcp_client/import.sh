# By .id or by interface.
tofu import homelab_routeros_ipv6_dhcp_client.wan ether1
