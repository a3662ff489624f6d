# By .id, by name, or by field=value.
tofu import 'homelab_routeros_interface_vlan.vms_internal["ether2"]' ether2-vlan-vms-internal
tofu import 'homelab_routeros_interface_vlan.vms_dmz["ether2"]' '*1B'
