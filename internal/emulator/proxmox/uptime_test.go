package proxmox

import (
	"testing"
	"time"
)

// TestUptimeStartsAtZero: a guest's uptime counts from its start (and
// from a reboot), not a constant.
func TestUptimeStartsAtZero(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", nil)
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/start", nil)
	uptime := func() float64 {
		var st map[string]any
		c.ok("GET", "/nodes/pve-s1/qemu/300/status/current", nil, &st)
		var res []map[string]any
		c.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
		if res[0]["uptime"] != st["uptime"] {
			t.Fatalf("uptime: status %v, resources %v", st["uptime"], res[0]["uptime"])
		}
		return st["uptime"].(float64)
	}
	if u := uptime(); u > 1 {
		t.Fatalf("uptime right after start: %v", u)
	}
	s.mu.Lock()
	s.st.Guests[300].startedAt = time.Now().Add(-100 * time.Second)
	s.mu.Unlock()
	if u := uptime(); u < 100 || u > 101 {
		t.Fatalf("uptime after 100 s: %v", u)
	}
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/reboot", nil)
	if u := uptime(); u > 1 {
		t.Fatalf("uptime after a reboot: %v", u)
	}
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/stop", nil)
	if u := uptime(); u != 0 {
		t.Fatalf("uptime of a stopped VM: %v", u)
	}
}
