variable "domain" {
  type = string
}

variable "nodes" {
  type    = list(string)
  default = ["pve-s1", "pve-s2", "pve-s3"]
}

variable "vlans" {
  type        = object({ internal = number, dmz = number })
  description = "VLAN ids of the internal and DMZ networks on the nodes' vmbr0."
}

variable "ubuntu_template" {
  type        = string
  default     = "ubuntu-24.04-standard_24.04-2_amd64.tar.zst"
  description = "Appliance (pveam) template the containers are created from."
}
