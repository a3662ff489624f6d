resource "homelab_routeros_user_group" "terraform" {
  name   = "terraform"
  policy = ["api", "read", "write", "sensitive", "ssh"]
}

resource "homelab_routeros_user" "terraform" {
  name    = "terraform"
  group   = homelab_routeros_user_group.terraform.name
  address = ["10.10.0.0/24"]
}

# The key of the host that runs tofu. The router prints only its type, size
# and owner (the key's comment); a new key replaces the row.
resource "homelab_routeros_user_ssh_keys" "tofu" {
  user = homelab_routeros_user.terraform.name
  key  = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFhqcWExU/X0CGzq4+b+fsJ7z8vXUpPF0H66U1kAKsdL tofu@ci"
}
