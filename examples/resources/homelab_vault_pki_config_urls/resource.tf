# Written into every certificate pki_int issues.
resource "homelab_vault_pki_config_urls" "pki_int" {
  mount                   = homelab_vault_pki_mount.pki_int.path
  issuing_certificates    = ["https://vault.rachuna-net.pl:8200/v1/pki_int/ca"]
  crl_distribution_points = ["https://vault.rachuna-net.pl:8200/v1/pki_int/crl"]
  ocsp_servers            = ["https://vault.rachuna-net.pl:8200/v1/pki_int/ocsp"]
}
