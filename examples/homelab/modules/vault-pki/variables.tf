variable "domain" {
  type = string
}

variable "vip" {
  type        = string
  description = "HAProxy's virtual IP, put in the certificates' IP SANs."
}

variable "devices" {
  type        = map(list(string))
  description = <<-EOT
    Devices that get a certificate, by host name (router, pve-s1, ...; the
    common name is <name>.<domain>), each with its IP SANs. The SANs must
    cover the address the provider dials.
  EOT
}
