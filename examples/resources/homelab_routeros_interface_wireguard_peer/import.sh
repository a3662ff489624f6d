# By .id or by interface and public key.
tofu import homelab_routeros_interface_wireguard_peer.laptop 'interface=wg-remote,public_key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA='
