package proxmox

import (
	"fmt"
	"strings"
)

// DELETE /nodes/{node}/lxc|qemu/{vmid}: protection, HA (without purge) and
// a running guest are refused before the worker forks; a lock or a linked
// clone using the base disks fails the task.
func (s *Server) guestDelete(r *request, g *guest) (any, *apiError) {
	label := g.typeLabel()
	if g.Conf["protection"] == "1" {
		return nil, errf("can't remove %s %d - protection mode enabled", label, g.VMID)
	}
	sid := haSID(g)
	if s.st.HA[sid] != nil && r.params["purge"] != "1" {
		return nil, errf("unable to remove %s %d - used in HA resources and purge parameter not set.", label, g.VMID)
	}
	if g.Status == "running" {
		switch {
		case g.Type == "qemu":
			return nil, errf("VM %d is running - destroy failed", g.VMID)
		case r.params["force"] != "1":
			return nil, errf("unable to destroy CT %d - container is running", g.VMID)
		}
	}
	if g.lock() != "" && r.params["skiplock"] != "1" {
		return s.newTask(g.Node, destroyType(g), itoa(g.VMID), r.user, fmt.Sprintf("%s is locked (%s)", label, g.lock())), nil
	}
	if clone := s.linkedCloneOf(g); clone != nil {
		return s.newTask(g.Node, destroyType(g), itoa(g.VMID), r.user,
			fmt.Sprintf("base volume of %s %d is used by linked clone %d", label, g.VMID, clone.VMID)), nil
	}
	var log []string
	if g.Status == "running" {
		log = append(log, fmt.Sprintf("forced to stop CT %d before destroying!", g.VMID))
	}
	s.dropHA(sid)
	s.freeVolumes(g.VMID)
	delete(s.st.Guests, g.VMID)
	return s.newTask(g.Node, destroyType(g), itoa(g.VMID), r.user, "", log...), nil
}

func destroyType(g *guest) string {
	if g.Type == "lxc" {
		return "vzdestroy"
	}
	return "qmdestroy"
}

// linkedCloneOf returns a guest whose disks are linked clones of g's.
func (s *Server) linkedCloneOf(g *guest) *guest {
	prefix := fmt.Sprintf("base-%d-disk-", g.VMID)
	for _, o := range s.st.Guests {
		if o == g {
			continue
		}
		for k, v := range o.Conf {
			if isDiskKey(o.Type, k) && strings.Contains(diskVolume(v), ":"+prefix) && strings.Contains(diskVolume(v), "/") {
				return o
			}
		}
	}
	return nil
}

// PUT .../resize: disk, size "+N[KMGT]" or absolute. Shrinking is refused
// before the worker for LXC (also an unchanged size) and by the task for qemu.
func (s *Server) guestResize(r *request, g *guest) (any, *apiError) {
	if err := checkLock(r, g); err != nil {
		return nil, err
	}
	if err := checkDigest(r, g); err != nil {
		return nil, err
	}
	disk := r.params["disk"]
	v, ok := g.Conf[disk]
	if !ok || !isDiskKey(g.Type, disk) {
		return nil, errf("disk '%s' does not exist", disk)
	}
	p := createSchema(g.Type).lookup(disk)
	kv, _ := parsePropertyString(p, v)
	cur, _ := parseSize(kv["size"])
	req := r.params["size"]
	rel := strings.HasPrefix(req, "+")
	n, ok := parseSize(strings.TrimPrefix(req, "+"))
	if !ok {
		return nil, paramErr1("size", "unable to parse size '%s'", req)
	}
	if rel {
		n += cur
	}
	// pve-container checks before forking (PVE 9), qemu-server in the worker.
	if g.Type == "lxc" {
		if n < cur {
			return nil, errf("unable to shrink disk size")
		}
		if n == cur {
			return nil, errf("disk is already at specified size")
		}
	} else if n < cur {
		return s.newTask(g.Node, "resize", itoa(g.VMID), r.user, "shrinking disks is not supported"), nil
	}
	kv["size"] = formatSize(n)
	if vol := s.st.findAnyVolume(diskVolume(v)); vol != nil {
		vol.Size = n
	}
	g.Conf[disk] = printPropertyString(p, kv)
	return s.newTask(g.Node, "resize", itoa(g.VMID), r.user, "", fmt.Sprintf("resized %s to %s", disk, formatSize(n))), nil
}

// POST .../migrate
func (s *Server) guestMigrate(r *request, g *guest) (any, *apiError) {
	if err := checkLock(r, g); err != nil {
		return nil, err
	}
	target := r.params["target"]
	if target == g.Node {
		return nil, errf("target is local node.")
	}
	if !s.st.hasNode(target) {
		return nil, errf("no such cluster node '%s'", target)
	}
	if g.Status == "running" {
		if g.Type == "lxc" && r.params["restart"] != "1" {
			return nil, errf("CT is running - use restart migration")
		}
		if g.Type == "qemu" && r.params["online"] != "1" {
			return nil, errf("can't migrate running VM without --online")
		}
	}
	src := g.Node
	s.moveGuest(g, target)
	typ := "vzmigrate"
	if g.Type == "qemu" {
		typ = "qmigrate"
	}
	return s.newTask(src, typ, itoa(g.VMID), r.user, ""), nil
}

// GET .../feature?feature=snapshot|clone|copy
func (s *Server) guestFeature(r *request, g *guest) (any, *apiError) {
	has := 1
	if r.params["feature"] == "snapshot" {
		for k, v := range g.Conf {
			if isDiskKey(g.Type, k) {
				if vol := diskVolume(v); vol != "" {
					sid, _, _ := strings.Cut(vol, ":")
					if st := s.st.storage(sid); st != nil && st.Type != "lvmthin" && !strings.HasSuffix(vol, ".qcow2") {
						has = 0
					}
				}
			}
		}
	}
	return map[string]any{"hasFeature": has, "nodes": s.st.Nodes}, nil
}
