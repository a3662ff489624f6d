# By .id, by address, or by field=value (an address from a pool prints the
# whole address: import it by that, or by from_pool=...).
tofu import homelab_routeros_ipv6_address.mgmt fd00:10::1/64
tofu import homelab_routeros_ipv6_address.clients from_pool=delegated
