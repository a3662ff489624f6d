# No telnet, ftp or plain HTTP on the router.
resource "homelab_routeros_ip_service" "off" {
  for_each = toset(["telnet", "ftp", "www"])
  name     = each.value
  disabled = true
}

# Administration only from the management network.
resource "homelab_routeros_ip_service" "admin" {
  for_each = toset(["ssh", "winbox", "api-ssl"])
  name     = each.value
  address  = ["10.10.0.0/24", "10.255.0.0/24"]
}
