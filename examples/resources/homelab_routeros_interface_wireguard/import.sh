# By .id or by name.
tofu import homelab_routeros_interface_wireguard.remote wg-remote
