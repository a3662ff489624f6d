# A settings menu: any ID works.
tofu import homelab_routeros_ip_dns.router dns
