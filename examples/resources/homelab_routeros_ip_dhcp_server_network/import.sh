tofu import homelab_routeros_ip_dhcp_server_network.proxmox 10.10.0.0/24
