# By .id or by the route's fields (addresses in their compressed form).
tofu import homelab_routeros_ipv6_route.default 'dst_address=::/0,gateway=fe80::1%ether1'
