package proxmox

import (
	"fmt"
)

var powerTaskType = map[string][2]string{
	"start": {"vzstart", "qmstart"}, "stop": {"vzstop", "qmstop"}, "shutdown": {"vzshutdown", "qmshutdown"},
	"reboot": {"vzreboot", "qmreboot"}, "suspend": {"vzsuspend", "qmsuspend"}, "resume": {"vzresume", "qmresume"},
}

// POST .../status/{op}. Which checks happen before the worker forks (HTTP
// 500) and which fail the task follows pve-container's LXC/Status.pm and
// qemu-server's API2/Qemu.pm.
func powerHandler(op string) guestHandler {
	return func(s *Server, r *request, g *guest) (any, *apiError) {
		if g.Type == "lxc" {
			return s.lxcPower(op, r, g)
		}
		return s.qemuPower(op, r, g)
	}
}

func (s *Server) lxcPower(op string, r *request, g *guest) (any, *apiError) {
	running := g.Status == "running"
	typ := powerTaskType[op][0]
	fail := ""
	switch op {
	case "start":
		if running {
			return nil, errf("CT %d already running", g.VMID)
		}
		switch {
		case g.Conf["template"] == "1":
			fail = "you can't start a CT if it's a template"
		case g.lock() != "" && r.params["skiplock"] != "1":
			fail = fmt.Sprintf("CT is locked (%s)", g.lock())
		default:
			// vm_start applies pending changes, then update_lxc_config
			// fails on a missing bridge (bridges.go).
			s.applyPending(g)
			if fail, _ = s.startNetworkError(g); fail == "" {
				g.start()
			}
		}
	case "stop", "shutdown", "suspend":
		if !running {
			return nil, errf("CT %d not running", g.VMID)
		}
		if g.lock() != "" && (op == "shutdown" || r.params["skiplock"] != "1") {
			fail = fmt.Sprintf("CT is locked (%s)", g.lock())
		} else {
			g.Status = "stopped"
		}
	case "reboot":
		if !running {
			return nil, errf("VM %d not running", g.VMID) // sic, pve-container says VM
		}
		s.applyPending(g)
		g.start()
	case "resume":
		if running {
			return nil, errf("CT %d already running", g.VMID)
		}
		g.Status = "running"
	}
	return s.newTask(g.Node, typ, itoa(g.VMID), r.user, fail), nil
}

func (s *Server) qemuPower(op string, r *request, g *guest) (any, *apiError) {
	running := g.Status == "running"
	typ := powerTaskType[op][1]
	locked := g.lock() != "" && r.params["skiplock"] != "1"
	fail := ""
	switch op {
	case "start":
		switch {
		case g.Conf["template"] == "1":
			fail = "you can't start a vm if it's a template"
		case locked && g.lock() != "suspended":
			fail = fmt.Sprintf("VM is locked (%s)", g.lock())
		case running:
			fail = fmt.Sprintf("VM %d already running", g.VMID)
		default:
			s.applyPending(g)
			// config_to_command, then QEMU's tap script, need the NICs'
			// bridges (bridges.go).
			var log []string
			if fail, log = s.startNetworkError(g); fail != "" {
				return s.newTask(g.Node, typ, itoa(g.VMID), r.user, fail, log...), nil
			}
			g.start()
		}
	case "stop":
		if locked {
			fail = fmt.Sprintf("VM is locked (%s)", g.lock())
		} else {
			g.Status, g.Paused = "stopped", false // stopping a stopped VM is a no-op
		}
	case "shutdown":
		if g.Paused && r.params["forceStop"] != "1" {
			return nil, errf("VM is paused - cannot shutdown")
		}
		if locked {
			fail = fmt.Sprintf("VM is locked (%s)", g.lock())
		} else {
			g.Status, g.Paused = "stopped", false
		}
	case "reboot":
		if g.Paused {
			return nil, errf("VM is paused - cannot shutdown")
		}
		if !running {
			return nil, errf("VM %d not running", g.VMID)
		}
		s.applyPending(g)
		g.start()
	case "suspend":
		if !running {
			return nil, errf("VM %d not running", g.VMID)
		}
		g.Paused = true
	case "resume":
		if !running {
			return nil, errf("VM %d not running", g.VMID)
		}
		g.Paused = false
	}
	return s.newTask(g.Node, typ, itoa(g.VMID), r.user, fail), nil
}
