# By .id or by name.
tofu import homelab_routeros_system_script.backup backup
