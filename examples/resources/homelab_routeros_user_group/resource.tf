# What the provider needs, and nothing else.
resource "homelab_routeros_user_group" "terraform" {
  name   = "terraform"
  policy = ["api", "read", "write", "sensitive", "test"]
}
