# A nightly backup and export, kept on the router's disk.
resource "homelab_routeros_system_script" "backup" {
  name   = "backup"
  source = <<-EOT
    /system backup save name=nightly
    /export file=nightly
  EOT
  policy = ["read", "write", "policy", "test", "sensitive"]
}
