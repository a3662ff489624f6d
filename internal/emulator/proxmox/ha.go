package proxmox

import (
	"strings"
)

// haSID is the HA service id of a guest: "ct:100" or "vm:100".
func haSID(g *guest) string {
	if g.Type == "lxc" {
		return "ct:" + itoa(g.VMID)
	}
	return "vm:" + itoa(g.VMID)
}

// normaliseSID turns "100" into "vm:100"/"ct:100" by the guest's type.
func (s *Server) normaliseSID(sid string) string {
	if strings.Contains(sid, ":") {
		return sid
	}
	if g := s.st.Guests[atoi(sid)]; g != nil {
		return haSID(g)
	}
	return "vm:" + sid
}

// GET /cluster/ha/resources
func (s *Server) haList(r *request) (any, *apiError) {
	out := []map[string]any{}
	for _, sid := range sortedKeys(s.st.HA) {
		out = append(out, s.haEntry(s.st.HA[sid]))
	}
	return out, nil
}

func (s *Server) haEntry(h *haResource) map[string]any {
	typ, _, _ := strings.Cut(h.SID, ":")
	e := map[string]any{"sid": h.SID, "state": h.State, "type": typ, "digest": randHex(20), "max_restart": 1, "max_relocate": 1}
	if h.Group != "" {
		e["group"] = h.Group
	}
	return e
}

// GET /cluster/ha/resources/{sid}
func (s *Server) haGet(r *request) (any, *apiError) {
	sid := s.normaliseSID(r.vars["sid"])
	h := s.st.HA[sid]
	if h == nil {
		return nil, errf("no such resource '%s'", sid)
	}
	return s.haEntry(h), nil
}

// POST /cluster/ha/resources
func (s *Server) haCreate(r *request) (any, *apiError) {
	sid := s.normaliseSID(r.params["sid"])
	if s.st.HA[sid] != nil {
		return nil, errf("resource ID '%s' already defined", sid)
	}
	_, id, _ := strings.Cut(sid, ":")
	if s.st.Guests[atoi(id)] == nil {
		return nil, errf("unable to find VM '%s'", id)
	}
	state := r.params["state"]
	if state == "" {
		state = "started"
	}
	s.st.HA[sid] = &haResource{SID: sid, State: state, Group: r.params["group"]}
	return nil, nil
}

// PUT /cluster/ha/resources/{sid}
func (s *Server) haUpdate(r *request) (any, *apiError) {
	sid := s.normaliseSID(r.vars["sid"])
	h := s.st.HA[sid]
	if h == nil {
		return nil, errf("no such resource '%s'", sid)
	}
	if v := r.params["state"]; v != "" {
		h.State = v
	}
	if v, ok := r.params["group"]; ok {
		h.Group = v
	}
	return nil, nil
}

// DELETE /cluster/ha/resources/{sid}
func (s *Server) haDelete(r *request) (any, *apiError) {
	sid := s.normaliseSID(r.vars["sid"])
	if s.st.HA[sid] == nil {
		return nil, errf("no such resource '%s'", sid)
	}
	delete(s.st.HA, sid)
	return nil, nil
}
