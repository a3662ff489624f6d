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

# Everything under lab.rachuna-net.pl answers with the ingress address.
resource "homelab_routeros_ip_dns_record" "ingress" {
  name            = "lab.rachuna-net.pl"
  address         = "10.10.10.30"
  match_subdomain = true
}

resource "homelab_routeros_ip_dns_record" "ingress_v6" {
  name    = "lab.rachuna-net.pl"
  type    = "AAAA"
  address = "2001:db8:10::30"
}

# Queries for the office domain go to the office's DNS server, and the
# answers' addresses land in an address list the firewall can use.
resource "homelab_routeros_ip_dns_record" "office" {
  regexp       = "^.+[.]office[.]example$"
  type         = "FWD"
  forward_to   = "192.168.50.53"
  address_list = "office-hosts"
}

resource "homelab_routeros_ip_dns_record" "mail" {
  name          = "rachuna-net.pl"
  type          = "MX"
  mx_exchange   = "mail.rachuna-net.pl"
  mx_preference = 10
}

resource "homelab_routeros_ip_dns_record" "ldap" {
  name       = "_ldap._tcp.rachuna-net.pl"
  type       = "SRV"
  srv_target = "dc1.rachuna-net.pl"
  srv_port   = 389
}

resource "homelab_routeros_ip_dns_record" "spf" {
  name = "rachuna-net.pl"
  type = "TXT"
  text = "v=spf1 mx -all"
}

# Answer "no such domain" for an ad host.
resource "homelab_routeros_ip_dns_record" "blocked" {
  name            = "ads.example.com"
  type            = "NXDOMAIN"
  match_subdomain = true
}
