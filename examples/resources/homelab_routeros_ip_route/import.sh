# By .id or by field=value (dst_address, gateway and routing_table identify a route).
tofu import homelab_routeros_ip_route.storage 'dst_address=10.30.0.0/16,gateway=10.10.0.254'
