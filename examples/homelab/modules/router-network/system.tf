# The router itself: its management services, the user tofu logs in as,
# time, logging to the lab's syslog, and where it shows itself on layer 2.

locals {
  # Administrators come from the management networks; tofu also from where
  # it runs (GitLab CI). Keep the network you apply from in one of the two,
  # or the apply locks itself out.
  api_networks = distinct(concat(var.management_networks, var.automation_networks))

  # telnet, ftp and plain HTTP off; the rest only from the networks above.
  # The TLS services serve the certificate issued by the lab's Vault.
  services = {
    telnet  = { disabled = true, address = null, tls = false }
    ftp     = { disabled = true, address = null, tls = false }
    www     = { disabled = true, address = null, tls = false }
    ssh     = { disabled = false, address = var.management_networks, tls = false }
    winbox  = { disabled = false, address = var.management_networks, tls = false }
    www-ssl = { disabled = false, address = var.management_networks, tls = true }
    api     = { disabled = false, address = local.api_networks, tls = false }
    api-ssl = { disabled = false, address = local.api_networks, tls = true }
  }
}

# The certificate api-ssl and www-ssl serve: the router's leaf from the
# lab's Vault (modules/vault-pki) with the intermediate as its chain. A
# renewal installs the new one in place under the same name; the private key
# is write-only, never kept in this resource's state.
resource "homelab_routeros_certificate" "router" {
  name            = "router"
  certificate_pem = var.certificate.certificate
  chain_pem       = var.certificate.chain
  private_key_pem = var.certificate.private_key
}

# Rows of /ip/service are adopted, never created; destroy puts RouterOS's
# defaults back (enabled, default port, any address).
resource "homelab_routeros_ip_service" "this" {
  for_each = local.services

  name        = each.key
  disabled    = each.value.disabled
  address     = each.value.address
  certificate = each.value.tls ? homelab_routeros_certificate.router.name : null
  tls_version = each.value.tls ? "only-1.2" : null
}

resource "homelab_routeros_ip_ssh" "this" {
  strong_crypto = true
}

# What the provider needs: the API, reading and writing the configuration,
# users and groups (policy), secrets such as WireGuard keys (sensitive), and
# files for certificate uploads (ftp). Nothing interactive.
resource "homelab_routeros_user_group" "terraform" {
  name    = "terraform"
  policy  = ["api", "read", "write", "policy", "sensitive", "ftp"]
  comment = "OpenTofu"
}

# The user tofu logs in as (routeros_username = "terraform" once it exists).
# The password is never read back: a new value in the configuration is set by
# the next apply.
resource "homelab_routeros_user" "terraform" {
  name     = "terraform"
  group    = homelab_routeros_user_group.terraform.name
  password = var.terraform_password
  address  = local.api_networks
  comment  = "OpenTofu, from the management and automation networks"
}

# Time: certificates and logs need it right.
resource "homelab_routeros_system_clock" "this" {
  time_zone_name       = var.time_zone
  time_zone_autodetect = false
}

resource "homelab_routeros_system_ntp_client" "this" {
  enabled = true
  servers = var.ntp_servers
}

# The lab's hosts take their time from the router (the DHCP networks hand
# it out, the input chain accepts udp/123 from the lab).
resource "homelab_routeros_system_ntp_server" "this" {
  enabled = true
}

# Events to the central syslog, sent from the router's address on the log
# host's network. One rule per topic: RouterOS matches a rule's topics all
# together, so `info,error` would only match messages carrying both.
resource "homelab_routeros_system_logging_action" "syslog" {
  name            = "syslog"
  target          = "remote"
  remote          = var.log_host
  remote_port     = 514
  src_address     = split("/", homelab_routeros_ip_address.router["bridge-vms-internal"].address)[0]
  bsd_syslog      = true
  syslog_facility = "local0"
}

resource "homelab_routeros_system_logging" "syslog" {
  for_each = toset(["critical", "error", "warning", "info"])

  topics = [each.key]
  action = homelab_routeros_system_logging_action.syslog.name
}

# Neighbour discovery (CDP, LLDP, MNDP) and MAC telnet/Winbox only on the
# management interface list, never towards clients, the DMZ or the WAN.
resource "homelab_routeros_ip_neighbor_discovery_settings" "this" {
  discover_interface_list = homelab_routeros_interface_list.this["MGMT"].name
  protocol                = ["lldp", "mndp"]

  depends_on = [homelab_routeros_interface_list_member.mgmt]
}

resource "homelab_routeros_tool_mac_server" "this" {
  allowed_interface_list = homelab_routeros_interface_list.this["MGMT"].name

  depends_on = [homelab_routeros_interface_list_member.mgmt]
}

resource "homelab_routeros_tool_mac_server_winbox" "this" {
  allowed_interface_list = homelab_routeros_interface_list.this["MGMT"].name

  depends_on = [homelab_routeros_interface_list_member.mgmt]
}
