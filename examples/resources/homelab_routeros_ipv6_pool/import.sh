# By .id or by name.
tofu import homelab_routeros_ipv6_pool.delegated delegated
