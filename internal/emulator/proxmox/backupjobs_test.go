package proxmox

import (
	"testing"
)

// TestBackupJobs: /cluster/backup as Backup.pm and VZDump.pm behave: the
// schedule required and checked, the selection rules, notes-template and
// prune-backups checks, GET's typed answer, PUT's merge and delete.
func TestBackupJobs(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)

	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "all": "1"}, 400, "neither 'starttime' nor 'schedule' were set")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "all": "1", "schedule": "every night"}, 400, "invalid calendar event 'every night'")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "all": "1", "schedule": "25:00"}, 400, "invalid calendar event")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily"}, 400, "property is missing")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily", "vmid": "100", "all": "1"}, 400, "option conflicts with option 'vmid'")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily", "pool": "nope"}, 403, "pool 'nope' does not exist")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily", "all": "1", "notes-template": "{{name}}", "storage": "local"}, 400, "found unknown: variable 'name'")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily", "all": "1", "notes-template": "x"}, 400, "requires this property")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily", "all": "1", "prune-backups": "keep-all=1,keep-last=2"}, 400, "keep-all cannot be set together")
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily", "all": "1", "mode": "live"}, 400, "Parameter verification failed.")
	for _, ok := range []string{"daily", "sat 02:00", "mon..fri 22:30", "*-*-* 03:00", "*/5", "sat,sun 8..17/2:00", "2026-01-01"} {
		if msg := checkCalendarEvent(ok); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", "funday", "mon..", "12:60", "1-2-3-4", "02:00 mon"} {
		if checkCalendarEvent(bad) == "" {
			t.Errorf("%q accepted", bad)
		}
	}

	c.ok("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "sat 02:00", "exclude": "100,101", "storage": "local",
		"mode": "snapshot", "compress": "zstd", "prune-backups": "keep-last=3,keep-daily=7", "notes-template": "{{guestname}} on {{node}}",
		"mailto": "admin@lab.example", "mailnotification": "failure"}, nil)
	c.fails("POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "daily", "all": "1"}, 500, "Job 'nightly' already exists")
	var j map[string]any
	c.ok("GET", "/cluster/backup/nightly", nil, &j)
	pb, _ := j["prune-backups"].(map[string]any)
	if j["all"] != float64(1) || j["enabled"] != float64(1) || j["type"] != "vzdump" || j["id"] != "nightly" || j["schedule"] != "sat 02:00" ||
		pb["keep-last"] != float64(3) || j["exclude"] != "100,101" {
		t.Fatalf("job %v", j)
	}
	c.fails("GET", "/cluster/backup/other", nil, 400, "No such job 'other'")

	// A vmid list replaces the all/exclude selection; delete removes options.
	c.ok("PUT", "/cluster/backup/nightly", map[string]string{"vmid": "1005,1006", "delete": "mailto,prune-backups", "enabled": "0"}, nil)
	j = nil
	c.ok("GET", "/cluster/backup/nightly", nil, &j)
	if j["all"] != nil || j["exclude"] != nil || j["vmid"] != "1005,1006" || j["mailto"] != nil || j["prune-backups"] != nil || j["enabled"] != float64(0) {
		t.Fatalf("after update %v", j)
	}
	c.fails("PUT", "/cluster/backup/nightly", map[string]string{"delete": "bogus"}, 400, "unknown option 'bogus'")
	c.fails("PUT", "/cluster/backup/nightly", map[string]string{"delete": "schedule"}, 400, "unknown option 'schedule'")
	c.fails("PUT", "/cluster/backup/other", map[string]string{"mode": "stop"}, 500, "no such vzdump job")
	c.ok("PUT", "/cluster/backup/nightly", map[string]string{"all": "1"}, nil)
	j = nil
	c.ok("GET", "/cluster/backup/nightly", nil, &j)
	if j["vmid"] != nil || j["all"] != float64(1) {
		t.Fatalf("after all=1 %v", j)
	}

	// Without an id PVE makes one up; starttime/dow become the schedule.
	c.ok("POST", "/cluster/backup", map[string]string{"starttime": "03:15", "dow": "sat,sun", "all": "1"}, nil)
	var list []map[string]any
	c.ok("GET", "/cluster/backup", nil, &list)
	if len(list) != 2 || list[1]["schedule"] != "sat,sun 03:15" || len(list[1]["id"].(string)) != 36 {
		t.Fatalf("list %v", list)
	}
	c.ok("DELETE", "/cluster/backup/nightly", nil, nil)
	c.fails("DELETE", "/cluster/backup/nightly", nil, 400, "No such job 'nightly'")
}
