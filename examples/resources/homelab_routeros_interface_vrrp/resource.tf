resource "homelab_routeros_system_script" "vrrp_master" {
  name   = "vrrp-master"
  source = ":log warning \"router1 is now the clients gateway\""
}

# router1 of two routers sharing the clients' gateway 192.168.88.1: the
# higher priority is master; the other router has the same vrid.
resource "homelab_routeros_interface_vrrp" "clients" {
  name      = "vrrp-clients"
  interface = "ether2"
  vrid      = 10
  priority  = 200
  on_master = homelab_routeros_system_script.vrrp_master.name
}

resource "homelab_routeros_ip_address" "clients_gateway" {
  address   = "192.168.88.1/32"
  interface = homelab_routeros_interface_vrrp.clients.name
}
