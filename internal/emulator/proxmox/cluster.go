package proxmox

import (
	"sort"
)

// GET /cluster/nextid[?vmid=N]: the answer is a JSON string, as PVE sends it.
func (s *Server) nextID(r *request) (any, *apiError) {
	if v, ok := r.params["vmid"]; ok {
		id := atoi(v)
		if _, taken := s.st.Guests[id]; taken {
			return nil, paramErr1("vmid", "VM %d already exists", id)
		}
		return itoa(id), nil
	}
	for id := 100; id < 1000000; id++ {
		if _, taken := s.st.Guests[id]; !taken {
			return itoa(id), nil
		}
	}
	return nil, errf("unable to get any free VMID in range [100, 1000000]")
}

// GET /cluster/resources[?type=vm|storage|node|pool|sdn]
func (s *Server) clusterResources(r *request) (any, *apiError) {
	typ := r.params["type"]
	out := []map[string]any{}
	// Entries are filtered by the caller's audit privileges, as PVE does.
	if (typ == "" || typ == "vm") && r.hasPriv("VM.Audit") {
		for _, id := range s.sortedVMIDs() {
			out = append(out, s.guestResource(s.st.Guests[id]))
		}
	}
	if (typ == "" || typ == "node") && r.hasPriv("Sys.Audit") {
		for _, n := range s.st.Nodes {
			out = append(out, s.nodeEntry(n))
		}
	}
	if (typ == "" || typ == "storage") && (r.hasPriv("Datastore.Audit") || r.hasPriv("Datastore.AllocateSpace")) {
		for _, n := range s.st.Nodes {
			for _, st := range s.st.Storages {
				if !st.onNode(n) {
					continue
				}
				e := s.storageEntry(n, st)
				e["id"] = "storage/" + n + "/" + st.ID
				e["type"] = "storage"
				e["node"] = n
				e["plugintype"] = st.Type
				e["status"] = "available"
				e["disk"] = e["used"]
				e["maxdisk"] = e["total"]
				for _, k := range []string{"used", "total", "avail", "used_fraction", "active", "enabled"} {
					delete(e, k)
				}
				out = append(out, e)
			}
		}
	}
	if (typ == "" || typ == "pool") && r.hasPriv("Pool.Audit") {
		for _, p := range sortedKeys(s.st.Pools) {
			out = append(out, map[string]any{"id": "/pool/" + p, "pool": p, "type": "pool"})
		}
	}
	return out, nil
}

func (s *Server) sortedVMIDs() []int {
	ids := make([]int, 0, len(s.st.Guests))
	for id := range s.st.Guests {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	return ids
}

// guestResource is a /cluster/resources entry (API2Tools.pm extract_vm_stats).
func (s *Server) guestResource(g *guest) map[string]any {
	st := s.guestStatusMap(g)
	e := map[string]any{
		"id": g.Type + "/" + itoa(g.VMID), "vmid": g.VMID, "node": g.Node, "type": g.Type,
		"status": g.Status, "name": st["name"], "template": b2i(g.Conf["template"] == "1"),
		"maxcpu": st["cpus"], "cpu": st["cpu"], "maxmem": st["maxmem"], "mem": st["mem"],
		"maxdisk": st["maxdisk"], "disk": st["disk"], "netin": 0, "netout": 0,
		"diskread": 0, "diskwrite": 0, "uptime": st["uptime"],
	}
	if g.Type == "qemu" {
		e["memhost"] = st["mem"]
	}
	if g.Pool != "" {
		e["pool"] = g.Pool
	}
	if t := g.Conf["tags"]; t != "" {
		e["tags"] = t
	}
	if g.lock() != "" {
		e["lock"] = g.lock()
	}
	if ha := s.st.HA[haSID(g)]; ha != nil {
		e["hastate"] = ha.effectiveState()
	}
	return e
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
