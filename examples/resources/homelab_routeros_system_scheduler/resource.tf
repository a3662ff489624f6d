resource "homelab_routeros_system_script" "backup" {
  name   = "backup"
  source = "/system backup save name=nightly"
  policy = ["read", "write", "policy", "test", "sensitive"]
}

# Runs the backup script every night at 03:00.
resource "homelab_routeros_system_scheduler" "nightly_backup" {
  name       = "nightly-backup"
  on_event   = homelab_routeros_system_script.backup.name
  start_date = "2026-01-01"
  start_time = "03:00:00"
  interval   = "1d"
  policy     = ["read", "write", "policy", "test", "sensitive"]
}
