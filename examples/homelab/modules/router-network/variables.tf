variable "domain" {
  type = string
}

variable "identity" {
  type    = string
  default = "router"
}

variable "upstream_dns" {
  type    = list(string)
  default = ["1.1.1.1", "9.9.9.9"]
}
