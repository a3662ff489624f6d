locals {
  hosts = {
    "vault.rachuna-net.pl"   = "10.10.10.10"
    "consul.rachuna-net.pl"  = "10.10.10.10"
    "gitlab.rachuna-net.pl"  = "10.10.10.20"
    "pve-s1.rachuna-net.pl"  = "10.10.0.11"
    "pve-s2.rachuna-net.pl"  = "10.10.0.12"
    "pve-s3.rachuna-net.pl"  = "10.10.0.13"
    "storage.rachuna-net.pl" = "10.10.30.10"
  }
}

resource "homelab_routeros_ip_dns_record" "lab" {
  for_each = local.hosts
  name     = each.key
  address  = each.value
  ttl      = "5m"
}

resource "homelab_routeros_ip_dns_record" "router" {
  name  = "router.rachuna-net.pl"
  type  = "CNAME"
  cname = "gitlab.rachuna-net.pl"
}
