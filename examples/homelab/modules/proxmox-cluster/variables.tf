variable "domain" {
  type = string
}

variable "nodes" {
  type    = list(string)
  default = ["pve-s1", "pve-s2", "pve-s3"]
}

variable "node_addresses" {
  type        = map(string)
  description = "Each node's address on the management network (vmbr0, untagged)."
}

variable "management_network" {
  type        = string
  description = "The management network (CIDR); the router, its first address, is the nodes' gateway."
}

variable "uplink" {
  type        = string
  default     = "eno1"
  description = "The NIC on each node cabled to the router's trunk port (vmbr0's port)."
}

variable "vlans" {
  type        = object({ internal = number, dmz = number })
  description = "VLAN ids of the internal and DMZ networks on the nodes' vmbr0."
}

variable "nas_address" {
  type        = string
  description = "The NAS (NFS server) on the storage network."
}

variable "nas_export" {
  type    = string
  default = "/volume1/pve"
}

variable "node_certificates" {
  type = map(object({
    certificate = string
    chain       = string
    private_key = string
  }))
  sensitive   = true
  description = "Each node's certificate (PEM), its issuing chain and its private key, by node name."
}

variable "ubuntu_template" {
  type        = string
  default     = "ubuntu-24.04-standard_24.04-2_amd64.tar.zst"
  description = "Appliance (pveam) template the containers are created from."
}
