package proxmox

import (
	"fmt"
	"strings"
	"time"
)

// task is a worker as PVE forks it. The emulator applies a task's effect when
// it is created; the task reports "running" until Config.TaskDuration has
// passed (zero: it is already stopped at the first status poll).
type task struct {
	UPID       string
	Node       string
	PID        int64
	PStart     int64
	Start      int64
	Type       string
	ID         string
	User       string // user@realm or user@realm!token
	ExitStatus string // "OK" or the error message
	Log        []string
	doneAt     time.Time
}

// newTask records a finished-or-finishing task and returns its UPID. err, when
// not empty, is the task's die message and becomes its exitstatus.
func (s *Server) newTask(node, typ, id, user string, err string, log ...string) string {
	st := s.st
	st.taskSeq++
	now := time.Now()
	t := &task{
		Node:   node,
		PID:    0x1000 + st.taskSeq,
		PStart: 0x2000000 + st.taskSeq,
		Start:  now.Unix(),
		Type:   typ,
		ID:     id,
		User:   user,
		Log:    log,
		doneAt: now.Add(s.taskDuration()),
	}
	t.UPID = fmt.Sprintf("UPID:%s:%08X:%08X:%08X:%s:%s:%s:", node, t.PID, t.PStart, t.Start, typ, id, user)
	if err != "" {
		t.ExitStatus = err
		t.Log = append(t.Log, "TASK ERROR: "+err)
	} else {
		t.ExitStatus = "OK"
		t.Log = append(t.Log, "TASK OK")
	}
	st.tasks[t.UPID] = t
	return t.UPID
}

func (t *task) statusJSON() map[string]any {
	user, token := t.User, ""
	if i := strings.IndexByte(user, '!'); i >= 0 {
		user, token = t.User[:i], t.User[i+1:]
	}
	m := map[string]any{
		"upid":      t.UPID,
		"node":      t.Node,
		"pid":       t.PID,
		"pstart":    t.PStart,
		"starttime": t.Start,
		"type":      t.Type,
		"id":        t.ID,
		"user":      user,
		"status":    "stopped",
	}
	if token != "" {
		m["tokenid"] = token
	}
	if time.Now().Before(t.doneAt) {
		m["status"] = "running"
	} else {
		m["exitstatus"] = t.ExitStatus
	}
	return m
}

func (s *Server) findTask(r *request) (*task, *apiError) {
	upid := r.vars["upid"]
	if !strings.HasPrefix(upid, "UPID:") || strings.Count(upid, ":") < 8 {
		return nil, paramErr1("upid", "unable to parse worker upid '%s'", upid)
	}
	t := s.st.tasks[upid]
	if t == nil || t.Node != r.vars["node"] {
		return nil, paramErr1("upid", "no such task")
	}
	return t, nil
}

func (s *Server) taskStatus(r *request) (any, *apiError) {
	t, err := s.findTask(r)
	if err != nil {
		return nil, err
	}
	return t.statusJSON(), nil
}

func (s *Server) taskLog(r *request) (any, *apiError) {
	t, err := s.findTask(r)
	if err != nil {
		return nil, err
	}
	start, limit := 0, 50
	if v, ok := r.params["start"]; ok {
		start = atoi(v)
	}
	if v, ok := r.params["limit"]; ok {
		limit = atoi(v)
	}
	lines := t.Log
	if time.Now().Before(t.doneAt) {
		lines = lines[:len(lines)-1] // the final line appears when the task ends
	}
	out := []map[string]any{}
	for i := start; i < len(lines) && len(out) < limit; i++ {
		out = append(out, map[string]any{"n": i + 1, "t": lines[i]})
	}
	r.total = len(lines)
	return out, nil
}
