package proxmox

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestFailNextAndCounters(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", nil)
	s.ResetCounters()
	s.FailNext("GET", "/nodes/pve-s1/lxc/100/config", 2, FailHTTP500)
	c.fails("GET", "/nodes/pve-s1/lxc/100/config", nil, 500, "injected failure")
	c.fails("GET", "/nodes/pve-s1/lxc/100/config", nil, 500, "injected failure")
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, nil)
	c.ok("GET", "/nodes/pve-s1/lxc/100/status/current", nil, nil)
	s.FailNext("", "/api2/json/nodes/pve-s1/lxc", 1, FailReset)
	// A fresh connection: Go's transport retries a GET that fails on a
	// reused one.
	c.hc.Transport.(*http.Transport).CloseIdleConnections()
	resp, err := c.hc.Get(c.base + "/nodes/pve-s1/lxc/100/config")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("reset request answered %d", resp.StatusCode)
	}
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, nil)
	s.FailNext("GET", "/nodes/{node}/lxc/{vmid}/status", 1, FailHTTP500)
	c.fails("GET", "/nodes/pve-s1/lxc/100/status/current", nil, 500, "injected failure")
	got := s.Counters()
	if got["GET /nodes/{node}/lxc/{vmid}/config"] != 5 || got["GET /nodes/{node}/lxc/{vmid}/status/current"] != 2 {
		t.Fatalf("counters %v", got)
	}
	s.ResetCounters()
	if len(s.Counters()) != 0 {
		t.Fatal("counters not reset")
	}
}

func TestLatency(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	s.SetLatency(150 * time.Millisecond)
	start := time.Now()
	c.ok("GET", "/version", nil, nil)
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Fatalf("request took %s", d)
	}
}

func TestTaskDuration(t *testing.T) {
	s := startTest(t, func(c *Config) { c.TaskDuration = 300 * time.Millisecond })
	c := tokenClient(t, s)
	var upid string
	c.ok("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "rootfs": "local-lvm:1"}, &upid)
	var st map[string]any
	c.ok("GET", "/nodes/pve-s1/tasks/"+upid+"/status", nil, &st)
	if st["status"] != "running" || st["exitstatus"] != nil {
		t.Fatalf("task right after start %v", st)
	}
	// The create task holds the config lock until it ends.
	c.fails("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "1024"}, 500, "CT is locked (create)")
	var res []map[string]any
	c.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
	if res[0]["lock"] != "create" {
		t.Fatalf("lock not listed: %v", res[0])
	}
	if c.task(upid) != "OK" {
		t.Fatal("task did not finish OK")
	}
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "1024"}, nil)
	var log []map[string]any
	r := c.do("GET", "/nodes/pve-s1/tasks/"+upid+"/log", nil)
	_ = json.Unmarshal(r.Data, &log)
	if len(log) == 0 || log[len(log)-1]["t"] != "TASK OK" || r.Total != len(log) {
		t.Fatalf("log %s", r.raw)
	}
	c.fails("GET", "/nodes/pve-s1/tasks/UPID:pve-s1:00000001:00000001:00000001:vzstart:1:root@pam:/status", nil, 400, "no such task")
}

func TestCallAndStateFile(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", nil)
	if _, err := s.Call("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "1024"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Call("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "1"}); err == nil || !strings.Contains(err.Error(), "minimum value of 16") {
		t.Fatalf("Call validation: %v", err)
	}
	raw, err := s.Call("GET", "/nodes/pve-s1/lxc/100/config", nil)
	if err != nil || mustJSON(t, raw)["memory"] != float64(1024) {
		t.Fatalf("Call GET %s %v", raw, err)
	}
	if len(s.Counters()) == 0 || s.Counters()["PUT /nodes/{node}/lxc/{vmid}/config"] != 0 {
		t.Fatalf("Call must not count: %v", s.Counters())
	}
	// The state round-trips through a state file.
	b, err := s.State()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	s2 := startTest(t, func(c *Config) { c.StateFile = file })
	raw, err = s2.Call("GET", "/nodes/pve-s1/lxc/100/config", nil)
	if err != nil || mustJSON(t, raw)["memory"] != float64(1024) || mustJSON(t, raw)["rootfs"] != "local-lvm:vm-100-disk-0,size=8G" {
		t.Fatalf("loaded state: %s %v", raw, err)
	}
	raw, _ = s2.Call("GET", "/cluster/nextid", nil)
	if string(raw) != `"101"` {
		t.Fatalf("nextid after load %s", raw)
	}
	// A minimal hand-written state file.
	file2 := filepath.Join(t.TempDir(), "min.json")
	os.WriteFile(file2, []byte(`{"guests":{"150":{"node":"pve-s2","type":"qemu","status":"running","config":{"name":"db","memory":"4096"}}}}`), 0o644)
	s3 := startTest(t, func(c *Config) { c.StateFile = file2 })
	raw, err = s3.Call("GET", "/nodes/pve-s2/qemu/150/status/current", nil)
	if err != nil || mustJSON(t, raw)["status"] != "running" || mustJSON(t, raw)["maxmem"] != float64(4096<<20) {
		t.Fatalf("hand-written state: %s %v", raw, err)
	}
}

func TestHAAndPools(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.ok("POST", "/pools", map[string]string{"poolid": "web", "comment": "front"}, nil)
	c.createCT("pve-s1", "100", map[string]string{"pool": "web"})
	c.fails("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "101", "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "rootfs": "local-lvm:1", "pool": "nope"}, 500, "pool 'nope' does not exist")
	var p map[string]any
	c.ok("GET", "/pools/web", nil, &p)
	members := p["members"].([]any)
	if len(members) != 1 || members[0].(map[string]any)["vmid"] != float64(100) || p["comment"] != "front" {
		t.Fatalf("pool %v", p)
	}
	c.fails("DELETE", "/pools/web", nil, 500, "pool 'web' is not empty")
	c.fails("GET", "/cluster/ha/resources/100", nil, 500, "no such resource 'ct:100'")
	c.ok("POST", "/cluster/ha/resources", map[string]string{"sid": "ct:100", "state": "started"}, nil)
	var ha map[string]any
	c.ok("GET", "/cluster/ha/resources/ct:100", nil, &ha)
	if ha["state"] != "started" {
		t.Fatalf("ha %v", ha)
	}
	var res []map[string]any
	c.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
	if res[0]["hastate"] != "started" || res[0]["pool"] != "web" {
		t.Fatalf("resources %v", res)
	}
	c.fails("DELETE", "/nodes/pve-s1/lxc/100", nil, 500, "used in HA resources and purge parameter not set")
	c.okTask("DELETE", "/nodes/pve-s1/lxc/100", map[string]string{"purge": "1"})
	c.fails("GET", "/cluster/ha/resources/ct:100", nil, 500, "no such resource")
	c.ok("DELETE", "/pools/web", nil, nil)
	// type filter
	res = nil
	c.ok("GET", "/cluster/resources", map[string]string{"type": "storage"}, &res)
	if len(res) != 9 || res[0]["type"] != "storage" {
		t.Fatalf("storage resources %d %v", len(res), res[0])
	}
	res = nil
	c.ok("GET", "/cluster/resources", map[string]string{"type": "node"}, &res)
	if len(res) != 3 || res[0]["id"] != "node/pve-s1" {
		t.Fatalf("node resources %v", res)
	}
	c.fails("GET", "/nodes/pve-s9/lxc", nil, 500, "hostname lookup 'pve-s9' failed")
	c.fails("GET", "/nodes/pve-s1/bogus", nil, 501, "Method 'GET /nodes/pve-s1/bogus' not implemented")
}
