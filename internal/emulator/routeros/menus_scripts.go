package routeros

import (
	"strings"
	"time"
)

// Scripts and the scheduler, from MikroTik's "Scripting" and "Scheduler"
// manual pages and the 7.9-7.19 console inspect: a script has name, source,
// owner, policy, dont-require-permissions and comment; a job has name,
// on-event, start-date, start-time, interval, policy, disabled and comment.
// Policies print as the granted ones, in the manual's order; a fresh entry
// gets all of them (community.routeros's recorded default). A job added
// without a start date and time starts when it was added (printed
// 2026-01-31 and 03:04:05, RouterOS 7.10+'s date format). Unconfirmed: the
// duplicate-name wordings ("failure: already have script with such name",
// "... scheduler with such name"), the owner of an entry added over the API
// (admin here), the date format of older 7.x (jan/31/2026, not modelled),
// the wording for a bad date or time ("invalid value for argument ..."), and
// next-run (printed as start date and time while it is ahead, not modelled
// for repeating jobs). Nothing runs: the emulator never executes scripts.

var scriptPolicies = []string{"ftp", "reboot", "read", "write", "policy", "test", "password", "sniff", "sensitive", "romon"}

// canonPolicy orders a script policy list the way print shows it.
func canonPolicy(v string) string {
	set := map[string]bool{}
	for _, p := range splitList(v) {
		set[p] = true
	}
	var out []string
	for _, p := range scriptPolicies {
		if set[p] {
			out = append(out, p)
		}
	}
	return strings.Join(out, ",")
}

func script() *menu {
	return &menu{
		path: "/system/script", table: "system/script", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have script with such name",
		fields: []*field{
			fStr("name").req(),
			fStr("owner"),
			{name: "policy", kind: kFlags, enum: scriptPolicies},
			fBool("dont-require-permissions", "false"),
			fStr("source"),
			fStr("comment"),
		},
		check: func(d *db, r, old *row) error {
			defaultEntry(r, old)
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("run-count", "0")
			p.set("invalid", "false")
		},
	}
}

// defaultEntry gives a fresh script or job its owner and full policy.
func defaultEntry(r, old *row) {
	if old == nil {
		if _, ok := r.vals["owner"]; !ok {
			r.vals["owner"] = "admin"
		}
		if _, ok := r.vals["policy"]; !ok {
			r.vals["policy"] = strings.Join(scriptPolicies, ",")
		}
	}
	r.vals["policy"] = canonPolicy(r.vals["policy"])
}

func scheduler() *menu {
	return &menu{
		path: "/system/scheduler", table: "system/scheduler", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have scheduler with such name",
		fields: []*field{
			fStr("name").req(),
			fStr("start-date"),
			fStr("start-time"),
			fDur("interval", "0s"),
			fStr("owner"),
			{name: "policy", kind: kFlags, enum: scriptPolicies},
			fStr("on-event"),
			fBool("disabled", "false"),
			fStr("comment"),
		},
		check: func(d *db, r, old *row) error {
			defaultEntry(r, old)
			now := d.now()
			if old == nil {
				if _, ok := r.vals["start-date"]; !ok {
					r.vals["start-date"] = now.Format(time.DateOnly)
				}
				if _, ok := r.vals["start-time"]; !ok {
					r.vals["start-time"] = now.Format(time.TimeOnly)
				}
			}
			date, err := parseDate(r.vals["start-date"])
			if err != nil {
				return argErr("invalid value for argument start-date")
			}
			r.vals["start-date"] = date
			if t := r.vals["start-time"]; t != "startup" {
				if _, err := time.Parse(time.TimeOnly, t); err != nil || len(t) != 8 {
					return argErr("invalid value for argument start-time")
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("run-count", "0")
			if r.vals["start-time"] == "startup" {
				return
			}
			if at, err := time.ParseInLocation(time.DateTime, r.vals["start-date"]+" "+r.vals["start-time"], time.Local); err == nil && at.After(d.now()) {
				p.set("next-run", r.vals["start-date"]+" "+r.vals["start-time"])
			}
		},
	}
}

// parseDate reads 2026-01-31 or jan/31/2026 and spells it 2026-01-31.
func parseDate(s string) (string, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format(time.DateOnly), nil
	}
	if len(s) == 11 && s[3] == '/' {
		t, err := time.Parse("Jan/02/2006", strings.ToUpper(s[:1])+strings.ToLower(s[1:3])+s[3:])
		if err == nil {
			return t.Format(time.DateOnly), nil
		}
		return "", err
	}
	return "", argErr("invalid date")
}
