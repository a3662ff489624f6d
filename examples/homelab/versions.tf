terraform {
  required_version = ">= 1.11" # write-only attributes (ostemplate)
  required_providers {
    homelab = {
      source = "homelab-iac/homelab"
    }
  }
}
