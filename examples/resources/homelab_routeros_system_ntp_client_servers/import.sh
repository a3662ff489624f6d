# By .id or by address.
tofu import homelab_routeros_system_ntp_client_servers.pool 0.pool.ntp.org
