terraform {
  required_version = ">= 1.8"
  required_providers {
    homelab = {
      source = "homelab-iac/homelab"
    }
  }
}
