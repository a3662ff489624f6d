package routeros_test

import "testing"

func TestAccSystemScript(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_script", menu: "/system/script",
		create: `
  name   = "backup"
  source = "/system backup save name=nightly"`,
		update: `
  name                     = "backup"
  source                   = "/system backup save name=nightly\n/export file=nightly"
  policy                   = ["write", "read", "policy", "test", "sensitive"]
  dont_require_permissions = true
  comment                  = "nightly backup"`,
		find:        map[string]string{"name": "backup"},
		afterCreate: map[string]string{"source": "/system backup save name=nightly", "owner": "admin", "policy": "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"},
		afterUpdate: map[string]string{"source": "/system backup save name=nightly\n/export file=nightly", "policy": "read,write,policy,test,sensitive",
			"dont-require-permissions": "true", "comment": "nightly backup"},
		drift:    []string{"=policy=read", "=source=:log info hacked"},
		importID: "backup",
	}.run(t)
}

func TestAccSystemScheduler(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_scheduler", menu: "/system/scheduler",
		deps: `
resource "homelab_routeros_system_script" "backup" {
  name   = "backup"
  source = "/system backup save name=nightly"
}
`,
		create: `
  name     = "nightly-backup"
  on_event = homelab_routeros_system_script.backup.name
  interval = "1d"`,
		update: `
  name       = "nightly-backup"
  on_event   = homelab_routeros_system_script.backup.name
  start_date = "jan/01/2030"
  start_time = "03:00:00"
  interval   = "24h"
  policy     = ["read", "write", "policy", "test", "sensitive"]
  disabled   = true
  comment    = "runs the backup script"`,
		find:        map[string]string{"name": "nightly-backup"},
		afterCreate: map[string]string{"on-event": "backup", "interval": "1d", "policy": "ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon"},
		afterUpdate: map[string]string{"start-date": "2030-01-01", "start-time": "03:00:00", "interval": "1d", "disabled": "true",
			"policy": "read,write,policy,test,sensitive", "comment": "runs the backup script"},
		drift:    []string{"=start-time=04:00:00", "=interval=1h"},
		importID: "nightly-backup",
	}.run(t)
}
