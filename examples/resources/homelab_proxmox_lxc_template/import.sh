# By node/volid.
tofu import 'homelab_proxmox_lxc_template.ubuntu["pve-s1"]' pve-s1/local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst
