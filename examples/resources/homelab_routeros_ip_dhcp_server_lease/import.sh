# By .id, by MAC address, or by field=value.
tofu import homelab_routeros_ip_dhcp_server_lease.printer 02:00:00:AA:BB:06
