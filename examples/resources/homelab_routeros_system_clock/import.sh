# A settings menu: any ID imports it.
tofu import homelab_routeros_system_clock.this clock
