# By name (or by .id, *1A). The private key is never read back: keep private_key_pem in the configuration.
tofu import homelab_routeros_certificate.api router-api
