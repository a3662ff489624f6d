# Every block is optional: configure only the systems your resources use.
# Each attribute can also come from an environment variable (see below), which
# keeps credentials out of the repository.
provider "homelab" {
  routeros {
    url            = "apis://router.rachuna-net.pl:8729"
    username       = "terraform"
    password       = var.routeros_password
    ca_certificate = file("${path.module}/router-ca.pem")
  }

  proxmox {
    endpoint       = "https://pve-s1.rachuna-net.pl:8006"
    api_token      = var.proxmox_api_token # terraform@pve!homelab=<secret>
    ca_certificate = file("${path.module}/pve-root-ca.pem")
  }

  vault {
    address = "https://vault.rachuna-net.pl:8200"
    token   = var.vault_token
  }
}

variable "routeros_password" {
  type      = string
  sensitive = true
}

variable "proxmox_api_token" {
  type      = string
  sensitive = true
}

variable "vault_token" {
  type      = string
  sensitive = true
}
