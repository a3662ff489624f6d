# By .id or by interface (`all` for the builtin row).
tofu import homelab_routeros_ipv6_nd.clients bridge-clients
