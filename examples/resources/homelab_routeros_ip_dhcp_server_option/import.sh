# By .id, by name, or by field=value.
tofu import homelab_routeros_ip_dhcp_server_option.tftp_name tftp-server-name
tofu import homelab_routeros_ip_dhcp_server_option.wpad 'code=252'
