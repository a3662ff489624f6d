variable "domain" {
  type = string
}

variable "vip" {
  type        = string
  description = "HAProxy's virtual IP, put in the certificates' IP SANs."
}
