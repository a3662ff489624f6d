# An intermediate CA is imported by <mount>/issuer/<issuer_id>; the signing
# mount and issuer are found by checking which issuer's key signed it.
tofu import homelab_vault_pki_intermediate_ca.int pki_int/issuer/9e2d6a1b-3c4f-5e6d-7a8b-9c0d1e2f3a4b
