# Ubuntu 24.04 templates in pve-s1's appliance list.
data "homelab_proxmox_lxc_templates" "ubuntu" {
  node    = "pve-s1"
  section = "system"
  os      = "ubuntu-24.04"
}

resource "homelab_proxmox_lxc_template" "ubuntu" {
  node     = "pve-s1"
  storage  = "local"
  template = data.homelab_proxmox_lxc_templates.ubuntu.templates[0].template
}
