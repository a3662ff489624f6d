# Storages of pve-s1 that can hold container root disks.
data "homelab_proxmox_storages" "rootdir" {
  node    = "pve-s1"
  content = "rootdir"
}

output "rootdir_storages" {
  value = [for s in data.homelab_proxmox_storages.rootdir.storages : s.name]
}
