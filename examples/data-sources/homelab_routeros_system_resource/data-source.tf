data "homelab_routeros_system_resource" "router" {}

output "routeros_version" {
  value = data.homelab_routeros_system_resource.router.version
}
