variable "snmp_auth_password" {
  type      = string
  sensitive = true
  default   = null
}

variable "snmp_priv_password" {
  type      = string
  sensitive = true
  default   = null
}

# An SNMPv3 community for the monitoring host: authenticated and encrypted.
resource "homelab_routeros_snmp_community" "monitoring" {
  name                    = "monitoring"
  addresses               = ["10.10.0.20/32"]
  security                = "private"
  authentication_protocol = "SHA1"
  authentication_password = var.snmp_auth_password
  encryption_protocol     = "AES"
  encryption_password     = var.snmp_priv_password
}

# The builtin `public` community cannot be removed: import it and disable it.
import {
  to = homelab_routeros_snmp_community.public
  id = "public"
}

resource "homelab_routeros_snmp_community" "public" {
  name     = "public"
  disabled = true
}
