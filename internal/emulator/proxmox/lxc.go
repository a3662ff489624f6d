package proxmox

import (
	"path"
	"strings"
)

func createHandler(typ string) handler {
	if typ == "lxc" {
		return (*Server).createLXC
	}
	return (*Server).createQemu
}

// POST /nodes/{node}/lxc (pve-container API2/LXC.pm create_vm).
func (s *Server) createLXC(r *request) (any, *apiError) {
	node, vmid := r.vars["node"], atoi(r.params["vmid"])
	if g := s.st.Guests[vmid]; g != nil {
		return nil, errf("%s %d already exists on node '%s'", g.typeLabel(), vmid, g.Node)
	}
	p := r.params
	if _, ok := p["rootfs"]; !ok {
		for k := range p {
			if base, _, ok := splitIndex(k); ok && base == "mp" {
				return nil, errf("mount points configured, but 'rootfs' not set - aborting")
			}
		}
		storageID := p["storage"]
		if storageID == "" {
			storageID = "local"
		}
		st := s.st.storage(storageID)
		if st == nil {
			return nil, paramErr1("storage", "storage '%s' does not exist", storageID)
		}
		if !st.has("rootdir") {
			return nil, paramErr1("storage", "storage '%s' does not support container directories", storageID)
		}
		p["rootfs"] = storageID + ":4"
	}
	if pool := p["pool"]; pool != "" && s.st.Pools[pool] == nil {
		return nil, errf("pool '%s' does not exist", pool)
	}
	tmpl := p["ostemplate"]
	if !strings.HasPrefix(tmpl, "/") {
		v := s.st.findVolume(node, tmpl)
		if v == nil {
			return nil, errf("volume '%s' does not exist", tmpl)
		}
		if v.Content != "vztmpl" {
			return nil, errf("volume '%s' is not a container template", tmpl)
		}
	}
	g := &guest{VMID: vmid, Node: node, Type: "lxc", Status: "stopped", Conf: map[string]string{}, Pending: map[string]string{}}
	g.Conf["arch"] = "amd64"
	g.Conf["hostname"] = "CT" + itoa(vmid)
	g.Conf["memory"] = "512"
	g.Conf["swap"] = "512"
	g.Conf["unprivileged"] = "1"
	g.Conf["ostype"] = detectOSType(tmpl)
	for _, k := range volumeOrder("lxc", sortedKeys(p)) {
		if notConfig[k] {
			continue
		}
		v, err := s.normaliseOption(r, g, k, p[k], "")
		if err != nil {
			s.freeVolumes(vmid)
			return nil, err
		}
		g.Conf[k] = v
	}
	s.st.Guests[vmid] = g
	s.holdLock(g, "create")
	g.Pool = p["pool"]
	if p["ha-managed"] == "1" {
		s.st.HA[haSID(g)] = &haResource{SID: haSID(g), State: haCreateState(p)}
	}
	log := []string{"extracting archive '" + tmpl + "'", "Total bytes read: 524288000 (500MiB, 100MiB/s)", "Detected container architecture: amd64"}
	// start=1 runs the start API after the create (a vzstart worker of its
	// own), which fails on a missing bridge: the container stays stopped.
	if fail, _ := s.startNetworkError(g); p["start"] == "1" && fail == "" {
		g.start()
	}
	return s.newTask(node, "vzcreate", itoa(vmid), r.user, "", log...), nil
}

// detectOSType guesses ostype from the template name, as the create task
// detects it from the extracted root file system.
func detectOSType(tmpl string) string {
	name := path.Base(strings.TrimPrefix(tmpl[strings.Index(tmpl, ":")+1:], "vztmpl/"))
	for _, os := range []string{"debian", "ubuntu", "alpine", "centos", "fedora", "archlinux", "opensuse", "gentoo", "nixos", "devuan"} {
		if strings.HasPrefix(name, os) {
			return os
		}
	}
	return "unmanaged"
}

// freeVolumes removes the volumes allocated for vmid (a failed create).
func (s *Server) freeVolumes(vmid int) {
	var keep []*volume
	for _, v := range s.st.Volumes {
		if v.VMID != vmid {
			keep = append(keep, v)
		}
	}
	s.st.Volumes = keep
}
