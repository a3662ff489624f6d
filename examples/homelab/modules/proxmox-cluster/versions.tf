terraform {
  required_providers {
    homelab = {
      source = "homelab-iac/homelab"
    }
  }
}
