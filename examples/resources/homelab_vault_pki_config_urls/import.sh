# The URLs of a mount are imported by <mount>/config/urls.
tofu import homelab_vault_pki_config_urls.pki_int pki_int/config/urls
