# By .id or by list and address.
tofu import 'homelab_routeros_ip_firewall_address_list.mgmt["10.10.0.0/24"]' 'list=mgmt,address=10.10.0.0/24'
