package proxmox

import (
	"strings"
)

// Resource pools, after pve-manager's PVE/API2/Pool.pm (PVE 8.1+, whose
// /pools endpoints take the pool id as a parameter; the /pools/{poolid}
// forms are deprecated but still served):
//
//   - GET /pools lists {poolid, comment}; GET /pools?poolid=X answers a
//     one-element list with that pool's members (the guests as
//     /cluster/resources prints them, then the storages), optionally
//     filtered by type; an unknown pool is "pool 'X' does not exist";
//   - POST creates (a nested pool "a/b" needs its parent), PUT changes the
//     comment and adds or (delete=1) removes guests and storages: adding a
//     guest already in the pool, or in another pool without allow-move,
//     and removing one that is not a member, fail; DELETE refuses a pool
//     that still has members or child pools;
//   - errors inside the user.cfg lock are prefixed "create pool failed: ",
//     "update pools failed: ", "delete pool failed: ".
//
// Unconfirmed: whether an empty comment clears it (the emulator drops
// empty parameters, so a comment cannot be removed through the API here);
// the wording of the child-pool refusal.

// poolEntry is the pool as GET /pools prints it; with members when asked.
func (s *Server) poolEntry(id string, withMembers bool, typ string) map[string]any {
	p := s.st.Pools[id]
	e := map[string]any{"poolid": id}
	if p.Comment != "" {
		e["comment"] = p.Comment
	}
	if !withMembers {
		return e
	}
	members := []map[string]any{}
	for _, vmid := range s.sortedVMIDs() {
		if g := s.st.Guests[vmid]; g.Pool == id && (typ == "" || typ == g.Type) {
			members = append(members, s.guestResource(g))
		}
	}
	if typ == "" || typ == "storage" {
		for _, sid := range sortedCopy(p.Storage) {
			st := s.st.storage(sid)
			if st == nil {
				continue
			}
			node := s.st.Nodes[0]
			if len(st.Nodes) > 0 && !st.onNode(node) {
				node = sortedCopy(st.Nodes)[0]
			}
			members = append(members, map[string]any{"id": "storage/" + node + "/" + sid, "storage": sid, "node": node,
				"type": "storage", "plugintype": st.Type, "shared": b2i(st.Shared), "status": "available"})
		}
	}
	e["members"] = members
	return e
}

// GET /pools[?poolid=&type=]
func (s *Server) poolList(r *request) (any, *apiError) {
	if id, ok := r.params["poolid"]; ok {
		if s.st.Pools[id] == nil {
			return nil, errf("pool '%s' does not exist", id)
		}
		if err := r.requirePriv("/pool/"+id, "Pool.Audit"); err != nil {
			return nil, err
		}
		return []map[string]any{s.poolEntry(id, true, r.params["type"])}, nil
	}
	out := []map[string]any{}
	if !r.hasPriv("Pool.Audit") {
		return out, nil
	}
	for _, id := range sortedKeys(s.st.Pools) {
		out = append(out, s.poolEntry(id, false, ""))
	}
	return out, nil
}

// POST /pools
func (s *Server) poolCreate(r *request) (any, *apiError) {
	id := r.params["poolid"]
	if s.st.Pools[id] != nil {
		return nil, errf("create pool failed: pool '%s' already exists", id)
	}
	if i := strings.LastIndexByte(id, '/'); i > 0 && s.st.Pools[id[:i]] == nil {
		return nil, errf("create pool failed: parent '%s' does not exist", id[:i])
	}
	s.st.Pools[id] = &pool{Comment: r.params["comment"]}
	return nil, nil
}

// GET /pools/{poolid} (deprecated): the pool with its members.
func (s *Server) poolGet(r *request) (any, *apiError) {
	id := r.vars["poolid"]
	if s.st.Pools[id] == nil {
		return nil, errf("pool '%s' does not exist", id)
	}
	e := s.poolEntry(id, true, r.params["type"])
	delete(e, "poolid")
	return e, nil
}

// PUT /pools?poolid= and PUT /pools/{poolid} (deprecated).
func (s *Server) poolUpdate(r *request) (any, *apiError) {
	id := r.vars["poolid"]
	if id == "" {
		id = r.params["poolid"]
	}
	p := s.st.Pools[id]
	if p == nil {
		return nil, errf("update pools failed: pool '%s' does not exist", id)
	}
	del := r.params["delete"] == "1"
	move := r.params["allow-move"] == "1"
	// Checked in full before anything changes (PVE writes user.cfg once,
	// after the loop, so a failure leaves the pool as it was).
	newPool := map[int]string{}
	for _, v := range splitList(r.params["vms"]) {
		vmid := atoi(v)
		g := s.st.Guests[vmid]
		current := ""
		if g != nil {
			current = g.Pool
		}
		if np, ok := newPool[vmid]; ok {
			current = np
		}
		if del {
			if current != id {
				return nil, errf("update pools failed: VM %d is not a pool member", vmid)
			}
			newPool[vmid] = ""
			continue
		}
		if g == nil {
			return nil, errf("update pools failed: VM %d does not exist", vmid)
		}
		if current == id {
			return nil, errf("update pools failed: VM %d is already a pool member", vmid)
		}
		if current != "" && !move {
			return nil, errf("update pools failed: VM %d belongs already to pool '%s' and allow-move is not set", vmid, current)
		}
		newPool[vmid] = id
	}
	storages := append([]string(nil), p.Storage...)
	for _, sid := range splitList(r.params["storage"]) {
		if del {
			if !contains(storages, sid) {
				return nil, errf("update pools failed: Storage '%s' is not a pool member", sid)
			}
			storages = remove(storages, sid)
			continue
		}
		if contains(storages, sid) {
			return nil, errf("update pools failed: Storage '%s' is already a pool member", sid)
		}
		if s.st.storage(sid) == nil {
			return nil, errf("update pools failed: storage '%s' does not exist", sid)
		}
		storages = append(storages, sid)
	}
	if c, ok := r.params["comment"]; ok {
		p.Comment = c
	}
	for vmid, np := range newPool {
		if g := s.st.Guests[vmid]; g != nil {
			g.Pool = np
		}
	}
	p.Storage = storages
	return nil, nil
}

// DELETE /pools?poolid= and DELETE /pools/{poolid} (deprecated).
func (s *Server) poolDelete(r *request) (any, *apiError) {
	id := r.vars["poolid"]
	if id == "" {
		id = r.params["poolid"]
	}
	p := s.st.Pools[id]
	if p == nil {
		return nil, errf("delete pool failed: pool '%s' does not exist", id)
	}
	for _, vmid := range s.sortedVMIDs() {
		if s.st.Guests[vmid].Pool == id {
			return nil, errf("delete pool failed: pool '%s' is not empty (contains VM %d)", id, vmid)
		}
	}
	for _, sid := range sortedCopy(p.Storage) {
		if s.st.storage(sid) != nil {
			return nil, errf("delete pool failed: pool '%s' is not empty (contains storage '%s')", id, sid)
		}
	}
	for other := range s.st.Pools {
		if strings.HasPrefix(other, id+"/") {
			return nil, errf("delete pool failed: pool '%s' is not empty (contains pool '%s')", id, other)
		}
	}
	delete(s.st.Pools, id)
	return nil, nil
}
