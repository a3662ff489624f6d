package proxmox

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// Backup jobs, /cluster/backup (jobs.cfg, section type vzdump), after
// pve-manager's PVE/API2/Backup.pm and PVE/VZDump.pm
// (verify_vzdump_parameters), pve-guest-common's PVE/VZDump/JobBase.pm and
// VZDump/Common.pm, and pve-common's PVE/Job/Registry.pm:
//
//   - POST takes an optional id (a UUID when none is given) and needs a
//     schedule ("neither 'starttime' nor 'schedule' were set"); the legacy
//     starttime/dow pair is turned into a schedule ("sat,sun 02:00", or just
//     the time for every day) and cannot be combined with it; enabled is
//     stored as 1 when not sent; a taken id is "Job '<id>' already exists";
//   - the selection: vmid conflicts with all, exclude and pool ("option
//     conflicts with option 'vmid'"); exclude without pool implies all=1;
//     a job must select something ("property is missing" on vmid unless
//     all, stop or pool); the pool must exist (check_pool_exist);
//   - notes-template may hold no line feed, only the escapes \n and \\ and
//     the variables {{cluster}}, {{guestname}}, {{node}}, {{vmid}} ("found
//     unknown: ..."); prune-backups is parsed as the prune-backups format;
//   - GET /cluster/backup/{id} returns the job as jobs.cfg holds it with id,
//     type "vzdump" and enabled (1 when unset); the property strings
//     prune-backups, fleecing and performance come back as objects
//     (JobBase decode_value), booleans and integers as numbers; an unknown
//     id is a parameter error "No such job '<id>'" (400);
//   - PUT merges the given options, deletes the listed ones (an unknown
//     option is "unknown option '<x>'"), refuses an empty update ("no
//     options specified"), and keeps the selection consistent: a new vmid
//     drops all, exclude and pool; all=1 drops vmid and pool; a pool drops
//     vmid, all and exclude; an unknown job is "no such vzdump job";
//   - the schedule is checked as a calendar event at parameter verification
//     (calendar.go), mailto as email-or-username-list, dow as
//     pve-day-of-week-list.
//
// Unconfirmed: whether the prune-backups counts come back as JSON numbers
// or strings (numbers here); the listing order (PVE sorts by jobs.cfg
// order: creation order here); "next-run" in the listing is not computed.
// Running jobs (vzdump) is not modelled.

// backupJob is one vzdump job: its options as jobs.cfg holds them.
type backupJob struct {
	Seq  int               `json:"seq"`
	Opts map[string]string `json:"options"`
}

var (
	backupJobBools = map[string]bool{"all": true, "enabled": true, "quiet": true, "remove": true, "repeat-missed": true,
		"stdexcludes": true, "stop": true, "protected": true}
	backupJobInts = map[string]bool{"bwlimit": true, "ionice": true, "lockwait": true, "maxfiles": true, "pigz": true,
		"stopwait": true, "zstd": true}
	backupJobPropStrings = map[string]bool{"prune-backups": true, "fleecing": true, "performance": true}
)

// backupJobFixed are the parameters PUT cannot delete (not vzdump options
// nor comment/repeat-missed).
var backupJobFixed = map[string]bool{"id": true, "delete": true, "schedule": true, "enabled": true, "starttime": true, "dow": true}

const allDays = "mon,tue,wed,thu,fri,sat,sun"

// backupScheduleParams is $schedule_param_check: starttime/dow become the
// schedule.
func backupScheduleParams(p map[string]string, required bool) *apiError {
	_, hasSched := p["schedule"]
	st, hasStart := p["starttime"]
	switch {
	case hasSched && hasStart:
		return paramErr1("starttime", "'starttime' and 'schedule' cannot both be set")
	case !hasSched && !hasStart:
		if required {
			return paramErr1("schedule", "neither 'starttime' nor 'schedule' were set")
		}
	case hasStart:
		dow := strings.Join(splitList(p["dow"]), ",")
		if dow == "" || dow == allDays {
			p["schedule"] = st
		} else {
			p["schedule"] = dow + " " + st
		}
	}
	delete(p, "starttime")
	delete(p, "dow")
	return nil
}

// checkNotesTemplate is VZDump.pm's $verify_notes_template.
func checkNotesTemplate(t string) string {
	if strings.Contains(t, "\n") {
		return "contains a line feed"
	}
	var problems []string
	for i := 0; i < len(t)-1; i++ {
		if t[i] == '\\' {
			if c := t[i+1]; c != 'n' && c != '\\' {
				problems = append(problems, fmt.Sprintf("escape sequence '\\%c' at char %d", c, i))
			}
			i++
		}
	}
	rest, off := t, 0
	for {
		a := strings.Index(rest, "{{")
		if a < 0 {
			break
		}
		b := strings.Index(rest[a+2:], "}}")
		if b < 0 {
			break
		}
		v := rest[a+2 : a+2+b]
		if v != "" && !strings.ContainsAny(v, " \t{}") {
			switch v {
			case "cluster", "guestname", "node", "vmid":
			default:
				problems = append(problems, fmt.Sprintf("variable '%s' at char %d", v, off+a+2))
			}
		}
		off += a + 2 + b + 2
		rest = rest[a+2+b+2:]
	}
	if len(problems) > 0 {
		return "found unknown: " + strings.Join(problems, ", ")
	}
	return ""
}

// verifyBackupJob is verify_vzdump_parameters.
func (s *Server) verifyBackupJob(p map[string]string, checkMissing bool) *apiError {
	for _, k := range []string{"all", "exclude", "pool"} {
		if p[k] != "" && p[k] != "0" && p["vmid"] != "" {
			return paramErr1(k, "option conflicts with option 'vmid'")
		}
	}
	if pb, ok := p["prune-backups"]; ok {
		if msg := checkPruneBackupsFormat(pb); msg != "" {
			return paramErr1("prune-backups", "%s", msg)
		}
	}
	if t := p["notes-template"]; t != "" {
		if msg := checkNotesTemplate(t); msg != "" {
			return paramErr1("notes-template", "%s", msg)
		}
	}
	if _, ok := p["exclude"]; ok && p["pool"] == "" {
		p["all"] = "1"
	}
	if checkMissing && p["all"] != "1" && p["stop"] != "1" && p["pool"] == "" && p["vmid"] == "" {
		return paramErr1("vmid", "property is missing")
	}
	return nil
}

// checkPruneBackupsFormat parses the prune-backups format: known keys,
// non-negative counts, keep-all alone.
func checkPruneBackupsFormat(v string) string {
	for _, part := range strings.Split(v, ",") {
		k, val, ok := strings.Cut(part, "=")
		switch {
		case !ok:
			return fmt.Sprintf("invalid format - missing value for '%s'", k)
		case k == "keep-all":
			if val != "0" && val != "1" {
				return fmt.Sprintf("invalid format - %s: type check ('boolean') failed - got '%s'", k, val)
			}
		case contains([]string{"keep-last", "keep-hourly", "keep-daily", "keep-weekly", "keep-monthly", "keep-yearly"}, k):
			if !reInteger.MatchString(val) || strings.HasPrefix(val, "-") {
				return fmt.Sprintf("invalid format - %s: type check ('integer') failed - got '%s'", k, val)
			}
		default:
			return fmt.Sprintf("invalid format - %s: property is not defined in schema and the schema does not allow additional properties", k)
		}
	}
	return checkPruneBackups(v)
}

func (s *Server) checkPoolExists(p map[string]string) *apiError {
	if pool := p["pool"]; pool != "" && s.st.Pools[pool] == nil {
		return &apiError{Status: http.StatusForbidden, Message: fmt.Sprintf("Permission check failed (pool '%s' does not exist)", pool)}
	}
	return nil
}

func newJobID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// backupJobEntry is the job as GET prints it.
func backupJobEntry(id string, j *backupJob) map[string]any {
	e := map[string]any{"id": id, "type": "vzdump", "enabled": 1}
	for k, v := range j.Opts {
		switch {
		case backupJobBools[k], backupJobInts[k]:
			e[k] = atoi(v)
		case backupJobPropStrings[k]:
			obj := map[string]any{}
			for _, part := range strings.Split(v, ",") {
				pk, pv, _ := strings.Cut(part, "=")
				if reInteger.MatchString(pv) {
					obj[pk] = atoi(pv)
				} else {
					obj[pk] = pv
				}
			}
			e[k] = obj
		default:
			e[k] = v
		}
	}
	return e
}

// GET /cluster/backup
func (s *Server) backupJobList(r *request) (any, *apiError) {
	ids := sortedKeys(s.st.BackupJobs)
	sort.SliceStable(ids, func(i, j int) bool { return s.st.BackupJobs[ids[i]].Seq < s.st.BackupJobs[ids[j]].Seq })
	out := []map[string]any{}
	for _, id := range ids {
		out = append(out, backupJobEntry(id, s.st.BackupJobs[id]))
	}
	return out, nil
}

// GET /cluster/backup/{id}
func (s *Server) backupJobGet(r *request) (any, *apiError) {
	id := r.vars["id"]
	j := s.st.BackupJobs[id]
	if j == nil {
		return nil, paramErr1("id", "No such job '%s'", id)
	}
	return backupJobEntry(id, j), nil
}

// POST /cluster/backup
func (s *Server) backupJobCreate(r *request) (any, *apiError) {
	p := map[string]string{}
	for k, v := range r.params {
		p[k] = v
	}
	if err := s.checkPoolExists(p); err != nil {
		return nil, err
	}
	if err := backupScheduleParams(p, true); err != nil {
		return nil, err
	}
	if _, ok := p["enabled"]; !ok {
		p["enabled"] = "1"
	}
	id := p["id"]
	delete(p, "id")
	if id == "" {
		id = newJobID()
	}
	if s.st.BackupJobs[id] != nil {
		return nil, errf("Job '%s' already exists", id)
	}
	if err := s.verifyBackupJob(p, true); err != nil {
		return nil, err
	}
	s.st.backupSeq++
	s.st.BackupJobs[id] = &backupJob{Seq: s.st.backupSeq, Opts: p}
	return nil, nil
}

// PUT /cluster/backup/{id}
func (s *Server) backupJobUpdate(r *request) (any, *apiError) {
	id := r.vars["id"]
	p := map[string]string{}
	for k, v := range r.params {
		if k != "id" && k != "delete" {
			p[k] = v
		}
	}
	del := splitList(r.params["delete"])
	if err := s.checkPoolExists(p); err != nil {
		return nil, err
	}
	if err := backupScheduleParams(p, false); err != nil {
		return nil, err
	}
	if len(p) == 0 && len(del) == 0 {
		return nil, errf("no options specified")
	}
	if err := s.verifyBackupJob(p, false); err != nil {
		return nil, err
	}
	j := s.st.BackupJobs[id]
	if j == nil {
		return nil, errf("no such vzdump job")
	}
	opts := map[string]string{}
	for k, v := range j.Opts {
		opts[k] = v
	}
	ms := methodFor("PUT", "/cluster/backup/{id}")
	for _, k := range del {
		if backupJobFixed[k] || ms == nil || ms.lookup(k) == nil {
			return nil, paramErr1("delete", "unknown option '%s'", k)
		}
		delete(opts, k)
	}
	for k, v := range p {
		opts[k] = v
	}
	if _, ok := opts["exclude"]; ok && opts["pool"] == "" {
		opts["all"] = "1"
	}
	switch {
	case p["vmid"] != "":
		delete(opts, "all")
		delete(opts, "exclude")
		delete(opts, "pool")
	case p["all"] == "1":
		delete(opts, "vmid")
		delete(opts, "pool")
	case opts["pool"] != "":
		delete(opts, "vmid")
		delete(opts, "all")
		delete(opts, "exclude")
	}
	if err := s.verifyBackupJob(opts, true); err != nil {
		return nil, err
	}
	j.Opts = opts
	return nil, nil
}

// DELETE /cluster/backup/{id}
func (s *Server) backupJobDelete(r *request) (any, *apiError) {
	id := r.vars["id"]
	if s.st.BackupJobs[id] == nil {
		return nil, paramErr1("id", "No such job '%s'", id)
	}
	delete(s.st.BackupJobs, id)
	return nil, nil
}
