# An HA rule is imported by its id.
tofu import 'homelab_proxmox_ha_rule.vault_home["1005"]' vault-1005-home
