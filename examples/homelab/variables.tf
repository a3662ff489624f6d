# Connection settings. `make demo` points them at the emulators and a Vault dev
# server; in the real lab they come from CI/CD variables (TF_VAR_*).

variable "routeros_url" {
  type        = string
  description = "RouterOS API URL: api://host:8728 or apis://host:8729."
}

variable "routeros_username" {
  type    = string
  default = "admin"
}

variable "routeros_password" {
  type      = string
  sensitive = true
}

variable "routeros_ca_certificate" {
  type        = string
  default     = null
  description = "PEM, or a path to it, of the CA that signed the router's api-ssl certificate."
}

variable "proxmox_endpoint" {
  type        = string
  description = "https://pve-s1.rachuna-net.pl:8006"
}

variable "proxmox_api_token" {
  type      = string
  sensitive = true
}

variable "proxmox_ca_certificate" {
  type        = string
  default     = null
  description = "PEM, or a path to it, of the cluster CA (/etc/pve/pve-root-ca.pem)."
}

variable "vault_address" {
  type = string
}

variable "vault_token" {
  type      = string
  sensitive = true
}

variable "domain" {
  type    = string
  default = "rachuna-net.pl"
}
