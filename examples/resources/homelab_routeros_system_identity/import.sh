# A settings menu: any ID works.
tofu import homelab_routeros_system_identity.router identity
