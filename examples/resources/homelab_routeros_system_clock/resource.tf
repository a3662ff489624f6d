resource "homelab_routeros_system_clock" "this" {
  time_zone_name       = "Europe/Warsaw"
  time_zone_autodetect = false
}
