# Connection settings. `make demo` points them at the emulators and a Vault dev
# server; in the real lab they come from CI/CD variables (TF_VAR_*).

variable "routeros_url" {
  type        = string
  description = "RouterOS API URL: apis://router.rachuna-net.pl:8729 (api-ssl; api://host:8728 for the plain API)."
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
  description = "PEM, or a path to it, of the CA(s) the router's api-ssl certificate is verified with: the lab's root CA (root_ca_certificate), plus the router's own CA while bootstrapping (README.md)."
}

variable "routeros_terraform_password" {
  type        = string
  sensitive   = true
  description = "Password of the router user `terraform` this configuration creates (for later runs as routeros_username = \"terraform\")."

  validation {
    condition     = length(var.routeros_terraform_password) >= 12
    error_message = "The terraform user's password must have at least 12 characters."
  }
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
  description = "PEM, or a path to it, of the CA(s) the nodes' certificates are verified with: the lab's root CA (root_ca_certificate), plus the cluster's own CA (/etc/pve/pve-root-ca.pem) while bootstrapping (README.md)."
}

variable "proxmox_endpoint_node" {
  type        = string
  default     = "pve-s1"
  description = "The node proxmox_endpoint reaches; its certificate must cover the endpoint's host."
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
