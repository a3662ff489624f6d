# A settings menu: any ID imports it.
tofu import homelab_routeros_snmp.this /snmp
