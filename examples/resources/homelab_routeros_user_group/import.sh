# By .id or by name.
tofu import homelab_routeros_user_group.terraform terraform
