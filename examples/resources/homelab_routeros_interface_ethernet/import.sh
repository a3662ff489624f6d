# By .id or by default_name.
tofu import homelab_routeros_interface_ethernet.wan ether1
