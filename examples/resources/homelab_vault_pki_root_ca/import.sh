# A root CA is imported by <mount>/issuer/<issuer_id> (the ID `vault list pki/issuers` shows).
tofu import homelab_vault_pki_root_ca.root pki/issuer/4c7b3f4e-8a51-93c2-1d2e-6f0a9b8c7d6e
