data "homelab_proxmox_nodes" "cluster" {}

output "online_nodes" {
  value = [for n in data.homelab_proxmox_nodes.cluster.nodes : n.name if n.online]
}
