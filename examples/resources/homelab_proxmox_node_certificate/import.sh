# By node name. The private key is never read back: keep private_key_pem in the configuration.
tofu import 'homelab_proxmox_node_certificate.pve["pve-s1"]' pve-s1
