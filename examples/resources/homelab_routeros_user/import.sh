# By .id or by name. The router never returns the password: after the
# import, the configured password is set by the next apply.
tofu import homelab_routeros_user.terraform terraform
