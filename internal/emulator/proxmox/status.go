package proxmox

import (
	"strconv"
	"strings"
)

// GET /nodes/{node}/lxc|qemu
func guestList(typ string) handler {
	return func(s *Server, r *request) (any, *apiError) {
		out := []map[string]any{}
		for _, id := range s.sortedVMIDs() {
			g := s.st.Guests[id]
			if g.Type != typ || g.Node != r.vars["node"] {
				continue
			}
			if !r.hasPriv("VM.Audit") {
				continue
			}
			out = append(out, s.guestStatusMap(g))
		}
		return out, nil
	}
}

// guestStatusMap is vmstatus (PVE::LXC::vmstatus, PVE::QemuServer::vmstatus).
func (s *Server) guestStatusMap(g *guest) map[string]any {
	running := g.Status == "running"
	var maxmem, maxswap, maxdisk int64
	var cpus any = 1
	var name string
	if g.Type == "lxc" {
		// PVE::LXC::vmstatus
		maxmem = 512 << 20
		if m := atoi(g.Conf["memory"]); m > 0 {
			maxmem = int64(m) << 20
		}
		maxswap = int64(atoi(g.Conf["swap"])) << 20
		cpus = nodeCPUs
		if c := atoi(g.Conf["cores"]); c > 0 {
			cpus = c
		} else if l, err := strconv.ParseFloat(g.Conf["cpulimit"], 64); err == nil && l > 0 {
			cpus = l
		}
		maxdisk = 4 * gib
		if v, ok := g.Conf["rootfs"]; ok {
			if n := diskSize(createSchema("lxc").lookup("rootfs"), v); n > 0 {
				maxdisk = n
			}
		}
		name = g.Conf["hostname"]
		if name == "" {
			name = "CT" + itoa(g.VMID)
		}
	} else {
		maxmem = qemuMemory(g.Conf) << 20
		cores, sockets := atoi(g.Conf["cores"]), atoi(g.Conf["sockets"])
		if cores == 0 {
			cores = 1
		}
		if sockets == 0 {
			sockets = 1
		}
		cpus = cores * sockets
		if v := atoi(g.Conf["vcpus"]); v > 0 {
			cpus = v
		}
		for _, k := range sortedKeys(g.Conf) {
			if isDiskKey("qemu", k) && k != "efidisk0" && k != "tpmstate0" && !strings.Contains(g.Conf[k], "media=cdrom") {
				maxdisk = diskSize(createSchema("qemu").lookup(k), g.Conf[k])
				break
			}
		}
		name = g.Conf["name"]
		if name == "" {
			name = "VM " + itoa(g.VMID)
		}
	}
	m := map[string]any{
		"vmid": g.VMID, "name": name, "status": g.Status, "cpus": cpus, "maxmem": maxmem,
		"maxdisk": maxdisk, "mem": 0, "disk": 0, "cpu": 0, "uptime": 0, "netin": 0, "netout": 0,
		"diskread": 0, "diskwrite": 0, "type": g.Type,
		"ha": map[string]any{"managed": 0},
	}
	if g.Type == "lxc" {
		m["maxswap"] = maxswap
		m["swap"] = 0
	}
	if running {
		m["mem"] = maxmem / 4
		m["uptime"] = g.uptime()
		m["cpu"] = 0.01
		m["pid"] = 10000 + g.VMID
		m["disk"] = maxdisk / 10
	}
	if ha := s.st.HA[haSID(g)]; ha != nil {
		m["ha"] = map[string]any{"managed": 1, "state": ha.effectiveState()}
	}
	if t := g.Conf["tags"]; t != "" {
		m["tags"] = t
	}
	if g.Conf["template"] == "1" {
		m["template"] = 1
	}
	if g.lock() != "" {
		m["lock"] = g.lock()
	}
	return m
}

// GET .../status/current
func (s *Server) guestStatus(r *request, g *guest) (any, *apiError) {
	m := s.guestStatusMap(g)
	if g.Type == "qemu" {
		m["qmpstatus"] = g.Status
		if g.Status == "running" {
			m["running-machine"] = "pc-i440fx-10.1+pve0"
			m["running-qemu"] = "10.1.2"
			if g.Paused {
				m["qmpstatus"] = "paused"
			}
		}
		if strings.HasPrefix(g.Conf["agent"], "1") || strings.Contains(g.Conf["agent"], "enabled=1") {
			m["agent"] = 1
		}
	}
	return m, nil
}
