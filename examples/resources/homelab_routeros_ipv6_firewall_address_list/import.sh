# By .id or by list and address (in its compressed form).
tofu import 'homelab_routeros_ipv6_firewall_address_list.mgmt["2001:db8:10::/64"]' 'list=mgmt,address=2001:db8:10::/64'
