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

variable "management_networks" {
  type        = list(string)
  default     = ["10.10.0.0/24", "10.255.0.0/24"]
  description = "Networks administrators come from (address list mgmt, ssh/winbox/www-ssl/API): the Proxmox management network and the WireGuard peers."
}

variable "automation_networks" {
  type        = list(string)
  default     = ["10.10.10.0/24"]
  description = "Networks tofu runs from besides the management ones (address list automation, api/api-ssl, the terraform user): the GitLab runners on vms-internal."
}

variable "wireguard_port" {
  type    = number
  default = 51820
}

variable "wireguard_network" {
  type        = string
  default     = "10.255.0.0/24"
  description = "Tunnel network; the router is its first address."
}

variable "wireguard_peers" {
  type = map(object({
    public_key = string
    address    = string
  }))
  description = "Remote-access peers by name: each device's WireGuard public key and its address in wireguard_network."
  default = {
    laptop = { public_key = "6CmJIBc6QPGx7HrKDmdTXfReuau4wCTA8CpYQhRcojU=", address = "10.255.0.2" }
    phone  = { public_key = "daj7DWC7nXk/KFmv/BidjKTa8Po6J0/7M9B9gz8WYU4=", address = "10.255.0.3" }
  }
}

variable "wireguard_preshared_keys" {
  type        = map(string)
  default     = {}
  sensitive   = true
  description = "Optional pre-shared keys by peer name (base64)."
}

variable "terraform_password" {
  type        = string
  sensitive   = true
  description = "Password of the router user `terraform`."
}

variable "certificate" {
  type = object({
    certificate = string
    chain       = string
    private_key = string
  })
  sensitive   = true
  description = "The router's certificate for api-ssl and www-ssl (PEM), its issuing chain and its private key."
}

variable "time_zone" {
  type    = string
  default = "Europe/Warsaw"
}

variable "ntp_servers" {
  type    = list(string)
  default = ["0.pool.ntp.org", "1.pool.ntp.org", "2.pool.ntp.org"]
}

variable "log_host" {
  type        = string
  default     = "10.10.10.30"
  description = "The central syslog host (udp/514), on vms-internal."
}
