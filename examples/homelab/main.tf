# The reference homelab (see README.md): the MikroTik router as the network
# core, a 3-node Proxmox VE cluster and the Vault PKI, one module each.

# Both ca_certificate values end up as the lab's root CA alone; README.md
# ("One CA for the lab") has the bootstrap order that gets there.
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

locals {
  pve_nodes = ["pve-s1", "pve-s2", "pve-s3"]
  hosts     = module.network.hosts

  # The host tofu dials on each device. When it is an address rather than a
  # name, it goes into that device's certificate as an IP SAN, so that the
  # provider verifies the device against the lab's CA, hostname included.
  routeros_host = regex("^[a-z]+://([^/:]+)", var.routeros_url)[0]
  proxmox_host  = regex("^[a-z]+://([^/:]+)", var.proxmox_endpoint)[0]
  dialled = {
    router                      = local.routeros_host
    (var.proxmox_endpoint_node) = local.proxmox_host
  }

  devices = {
    for name in concat(["router"], local.pve_nodes) : name => distinct(compact([
      local.hosts[name],
      can(cidrnetmask("${lookup(local.dialled, name, "")}/32")) ? local.dialled[name] : "",
    ]))
  }
}

module "network" {
  source             = "./modules/router-network"
  domain             = var.domain
  terraform_password = var.routeros_terraform_password
  certificate        = module.pki.device_certificates["router"]
}

module "cluster" {
  source             = "./modules/proxmox-cluster"
  domain             = var.domain
  nodes              = local.pve_nodes
  node_addresses     = { for n in local.pve_nodes : n => local.hosts[n] }
  management_network = module.network.management_network
  nas_address        = local.hosts["storage"]
  vlans              = module.network.guest_vlans
  node_certificates  = { for n in local.pve_nodes : n => module.pki.device_certificates[n] }
}

module "pki" {
  source  = "./modules/vault-pki"
  domain  = var.domain
  vip     = module.network.haproxy_vip
  devices = local.devices
}

# Earlier versions of this example called the Proxmox module "guests".
moved {
  from = module.guests
  to   = module.cluster
}
