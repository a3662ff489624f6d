# Each node's web interface and API (pveproxy, port 8006) serve the node's
# certificate from the lab's Vault (modules/vault-pki) with the intermediate
# as its chain; pveproxy is reloaded at once. A renewal is uploaded again in
# place; the private key is write-only, never kept in this resource's state.
# Destroy puts the node back on its self-signed pve-ssl.pem.
resource "homelab_proxmox_node_certificate" "this" {
  for_each = toset(var.nodes)

  node            = each.key
  certificate_pem = var.node_certificates[each.key].certificate
  chain_pem       = var.node_certificates[each.key].chain
  private_key_pem = var.node_certificates[each.key].private_key
  restart         = true
}
