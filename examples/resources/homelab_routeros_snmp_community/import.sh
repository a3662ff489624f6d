# By .id or by name. The builtin `public` community cannot be removed from
# the router: to stop managing it, use a `removed` block with
# `lifecycle { destroy = false }` (or `tofu state rm`) rather than destroy.
tofu import homelab_routeros_snmp_community.public public
