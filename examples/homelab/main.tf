# The reference homelab (see README.md): the MikroTik router as the network
# core, a 3-node Proxmox VE cluster and the Vault PKI, one module each.

provider "homelab" {
  routeros {
    url            = var.routeros_url
    username       = var.routeros_username
    password       = var.routeros_password
    ca_certificate = var.routeros_ca_certificate
  }
  proxmox {
    endpoint       = var.proxmox_endpoint
    api_token      = var.proxmox_api_token
    ca_certificate = var.proxmox_ca_certificate
  }
  vault {
    address = var.vault_address
    token   = var.vault_token
  }
}

module "network" {
  source = "./modules/router-network"
  domain = var.domain
}

module "guests" {
  source = "./modules/proxmox-guests"
  domain = var.domain
  vlans  = module.network.guest_vlans
}

module "pki" {
  source = "./modules/vault-pki"
  domain = var.domain
  vip    = module.network.haproxy_vip
}
