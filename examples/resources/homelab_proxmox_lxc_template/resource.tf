# The Ubuntu template from the appliance list, on each node's `local` storage.
resource "homelab_proxmox_lxc_template" "ubuntu" {
  for_each = toset(["pve-s1", "pve-s2", "pve-s3"])

  node     = each.key
  storage  = "local"
  template = "ubuntu-24.04-standard_24.04-2_amd64.tar.zst"
}

# A custom template from a URL, verified by its checksum.
resource "homelab_proxmox_lxc_template" "runner" {
  node               = "pve-s1"
  storage            = "local"
  url                = "https://images.rachuna-net.pl/lxc/gitlab-runner-24.04.tar.zst"
  checksum           = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
  checksum_algorithm = "sha256"
}

# volid is what homelab_proxmox_lxc.ostemplate takes.
output "ubuntu_volid" {
  value = homelab_proxmox_lxc_template.ubuntu["pve-s1"].volid
}
