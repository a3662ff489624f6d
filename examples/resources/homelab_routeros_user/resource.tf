resource "homelab_routeros_user_group" "terraform" {
  name   = "terraform"
  policy = ["api", "read", "write", "sensitive", "test"]
}

variable "terraform_user_password" {
  type      = string
  sensitive = true
  default   = null
}

# A dedicated user for tofu, allowed only from the management network.
resource "homelab_routeros_user" "terraform" {
  name     = "terraform"
  group    = homelab_routeros_user_group.terraform.name
  password = var.terraform_user_password
  address  = ["10.10.0.0/24"]
}
