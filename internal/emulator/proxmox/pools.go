package proxmox

// GET /pools
func (s *Server) poolList(r *request) (any, *apiError) {
	out := []map[string]any{}
	for _, id := range sortedKeys(s.st.Pools) {
		e := map[string]any{"poolid": id}
		if c := s.st.Pools[id].Comment; c != "" {
			e["comment"] = c
		}
		out = append(out, e)
	}
	return out, nil
}

// POST /pools
func (s *Server) poolCreate(r *request) (any, *apiError) {
	id := r.params["poolid"]
	if s.st.Pools[id] != nil {
		return nil, errf("pool '%s' already exists", id)
	}
	s.st.Pools[id] = &pool{Comment: r.params["comment"]}
	return nil, nil
}

// GET /pools/{poolid}
func (s *Server) poolGet(r *request) (any, *apiError) {
	id := r.vars["poolid"]
	p := s.st.Pools[id]
	if p == nil {
		return nil, errf("pool '%s' does not exist", id)
	}
	members := []map[string]any{}
	for _, vmid := range s.sortedVMIDs() {
		if g := s.st.Guests[vmid]; g.Pool == id {
			members = append(members, s.guestResource(g))
		}
	}
	out := map[string]any{"members": members}
	if p.Comment != "" {
		out["comment"] = p.Comment
	}
	return out, nil
}

// PUT /pools/{poolid} and PUT /pools?poolid=: comment, vms to add (or remove
// with delete=1); allow-move moves guests from another pool.
func (s *Server) poolUpdate(r *request) (any, *apiError) {
	id := r.vars["poolid"]
	if id == "" {
		id = r.params["poolid"]
	}
	p := s.st.Pools[id]
	if p == nil {
		return nil, errf("pool '%s' does not exist", id)
	}
	if c, ok := r.params["comment"]; ok {
		p.Comment = c
	}
	del := r.params["delete"] == "1"
	for _, v := range splitList(r.params["vms"]) {
		g := s.st.Guests[atoi(v)]
		if g == nil {
			return nil, errf("VM %s does not exist", v)
		}
		if del {
			if g.Pool == id {
				g.Pool = ""
			}
			continue
		}
		if g.Pool != "" && g.Pool != id && r.params["allow-move"] != "1" {
			return nil, errf("VM %d belongs already to pool '%s' and allow-move is not set", g.VMID, g.Pool)
		}
		g.Pool = id
	}
	return nil, nil
}

// DELETE /pools/{poolid}
func (s *Server) poolDelete(r *request) (any, *apiError) {
	id := r.vars["poolid"]
	if s.st.Pools[id] == nil {
		return nil, errf("pool '%s' does not exist", id)
	}
	for _, g := range s.st.Guests {
		if g.Pool == id {
			return nil, errf("pool '%s' is not empty", id)
		}
	}
	delete(s.st.Pools, id)
	return nil, nil
}
