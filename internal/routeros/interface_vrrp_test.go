package routeros_test

import "testing"

func TestAccInterfaceVRRP(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_vrrp", menu: "/interface/vrrp",
		deps: `
resource "homelab_routeros_system_script" "master" {
  name   = "vrrp-master"
  source = ":log info \"became master\""
}
`,
		create: `
  name      = "vrrp-clients"
  interface = "ether2"
  vrid      = 10`,
		update: `
  name            = "vrrp-clients"
  interface       = "ether2"
  vrid            = 10
  priority        = 200
  interval        = "1500ms"
  preemption_mode = false
  version         = 2
  authentication  = "simple"
  password        = "vrrp-pw"
  on_master       = homelab_routeros_system_script.master.name
  on_backup       = ":log info backup"
  comment         = "lab gateway"`,
		find:        map[string]string{"name": "vrrp-clients"},
		afterCreate: map[string]string{"interface": "ether2", "vrid": "10", "priority": "100", "version": "3", "mac-address": "00:00:5E:00:01:0A"},
		afterUpdate: map[string]string{"priority": "200", "interval": "1s500ms", "preemption-mode": "false", "version": "2", "authentication": "simple",
			"password": "vrrp-pw", "on-master": "vrrp-master", "on-backup": ":log info backup", "comment": "lab gateway"},
		drift:    []string{"=priority=50", "=password=other"},
		importID: "vrrp-clients",
	}.run(t)
}
