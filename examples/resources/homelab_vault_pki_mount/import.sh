# A mount is imported by its path.
tofu import homelab_vault_pki_mount.pki pki
