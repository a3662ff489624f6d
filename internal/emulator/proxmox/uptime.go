package proxmox

import "time"

// A guest's uptime is the age of its process (vmstatus: now minus the
// process start time), so it starts at 0 with every start or reboot.

// start marks the guest running with a new process.
func (g *guest) start() {
	g.Status, g.Paused = "running", false
	g.startedAt = time.Now()
}

// uptime is the running guest's uptime in whole seconds.
func (g *guest) uptime() int64 {
	return int64(time.Since(g.startedAt) / time.Second)
}
