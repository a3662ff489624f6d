# A node's interface is imported as <node>/<iface>.
tofu import 'homelab_proxmox_node_network.trunk["pve-s1"]' pve-s1/vmbr1
