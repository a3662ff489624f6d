# A settings menu: any ID imports it.
tofu import homelab_routeros_tool_mac_server_ping.this settings
