package routeros_test

import "testing"

func TestAccSystemNTPClientServers(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_ntp_client_servers", menu: "/system/ntp/client/servers",
		create: `
  address = "0.pool.ntp.org"`,
		update: `
  address  = "0.pool.ntp.org"
  min_poll = 4
  max_poll = 8
  iburst   = false
  comment  = "public pool"`,
		find:        map[string]string{"address": "0.pool.ntp.org"},
		afterCreate: map[string]string{"min-poll": "6", "max-poll": "10", "iburst": "true", "auth-key": "none"},
		afterUpdate: map[string]string{"min-poll": "4", "max-poll": "8", "iburst": "false", "comment": "public pool"},
		drift:       []string{"=max-poll=12", "=iburst=yes"},
		importID:    "0.pool.ntp.org",
	}.run(t)
}
