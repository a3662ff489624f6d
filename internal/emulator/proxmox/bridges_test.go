package proxmox

import (
	"strings"
	"testing"
)

// TestStartMissingBridge: a guest on a bridge the node lacks is created, but
// its start task fails with PVE's message, and it stays stopped.
func TestStartMissingBridge(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", map[string]string{"net0": "name=eth0,bridge=vmbr0", "net1": "name=eth1,bridge=vmbr-nope", "start": "1"})
	var st map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/status/current", nil, &st)
	if st["status"] != "stopped" {
		t.Fatalf("CT with a missing bridge was started by create: %v", st)
	}
	var upid string
	c.ok("POST", "/nodes/pve-s1/lxc/100/status/start", nil, &upid)
	if got := c.task(upid); got != "bridge 'vmbr-nope' does not exist" {
		t.Fatalf("start task: %q", got)
	}
	c.ok("GET", "/nodes/pve-s1/lxc/100/status/current", nil, &st)
	if st["status"] != "stopped" {
		t.Fatalf("status after the failed start %v", st)
	}
	// The bridge exists on another node only: still missing here. Once it
	// exists on pve-s1 the start succeeds.
	s.SetBridges("pve-s2", "vmbr0", "vmbr-nope")
	c.ok("POST", "/nodes/pve-s1/lxc/100/status/start", nil, &upid)
	if got := c.task(upid); got != "bridge 'vmbr-nope' does not exist" {
		t.Fatalf("start task: %q", got)
	}
	s.SetBridges("pve-s1", "vmbr0", "vmbr-nope")
	c.okTask("POST", "/nodes/pve-s1/lxc/100/status/start", nil)

	// VMs: a virtio NIC fails in config_to_command, another model when QEMU
	// runs the tap script.
	createVM(c, "pve-s2", "300", map[string]string{"net0": "virtio,bridge=vmbr0", "net1": "e1000,bridge=vmbr9", "net2": "virtio,bridge=vmbr7"})
	c.ok("POST", "/nodes/pve-s2/qemu/300/status/start", nil, &upid)
	if got := c.task(upid); got != "bridge 'vmbr7' does not exist" {
		t.Fatalf("VM start task: %q", got)
	}
	c.ok("PUT", "/nodes/pve-s2/qemu/300/config", map[string]string{"delete": "net2"}, nil)
	c.ok("POST", "/nodes/pve-s2/qemu/300/status/start", nil, &upid)
	if got := c.task(upid); got != "start failed: QEMU exited with code 1" {
		t.Fatalf("VM start task: %q", got)
	}
	var log []map[string]any
	c.ok("GET", "/nodes/pve-s2/tasks/"+upid+"/log", nil, &log)
	if len(log) == 0 || !strings.Contains(log[0]["t"].(string), "bridge 'vmbr9' does not exist") {
		t.Fatalf("task log %v", log)
	}
	c.ok("GET", "/nodes/pve-s2/qemu/300/status/current", nil, &st)
	if st["status"] != "stopped" {
		t.Fatalf("VM status after the failed start %v", st)
	}
	if b := s.Bridges("pve-s3"); len(b) != 1 || b[0] != "vmbr0" {
		t.Fatalf("default bridges %v", b)
	}
}
