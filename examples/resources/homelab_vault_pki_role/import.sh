# A role is imported by <mount>/roles/<name>.
tofu import homelab_vault_pki_role.rachuna_net pki_int/roles/rachuna-net-pl
