package proxmox

import (
	"os"
	"testing"
)

func TestNodesAndClusterStatus(t *testing.T) {
	s := startTest(t, func(c *Config) { c.Nodes = []string{"alpha", "beta"} })
	c := tokenClient(t, s)
	var nodes []map[string]any
	c.ok("GET", "/nodes", nil, &nodes)
	if len(nodes) != 2 || nodes[0]["node"] != "alpha" || nodes[0]["status"] != "online" {
		t.Fatalf("nodes %v", nodes)
	}
	var st map[string]any
	c.ok("GET", "/nodes/beta/status", nil, &st)
	if st["pveversion"] == nil || st["memory"] == nil {
		t.Fatalf("node status %v", st)
	}
	var cs []map[string]any
	c.ok("GET", "/cluster/status", nil, &cs)
	if len(cs) != 3 || cs[0]["type"] != "cluster" || cs[0]["quorate"] != float64(1) || cs[2]["name"] != "beta" {
		t.Fatalf("cluster status %v", cs)
	}
	if _, err := Start(Config{Nodes: []string{"bad_name"}}); err == nil {
		t.Fatal("invalid node name accepted")
	}
}

func TestLXCTemplateCloneMigrate(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", nil)
	// pve-container's template call answers null (the worker runs detached).
	r := c.do("POST", "/nodes/pve-s1/lxc/100/template", nil)
	if r.Status != 200 || string(r.Data) != "null" {
		t.Fatalf("template: %s", r.raw)
	}
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["template"] != float64(1) || conf["rootfs"] != "local-lvm:base-100-disk-0,size=8G" {
		t.Fatalf("template config %v", conf)
	}
	var upid string
	c.ok("POST", "/nodes/pve-s1/lxc/100/status/start", nil, &upid)
	if st := c.task(upid); st != "you can't start a CT if it's a template" {
		t.Fatalf("starting a template: %q", st)
	}
	// A linked clone (default for templates) shares the base volume.
	upid = c.okTask("POST", "/nodes/pve-s1/lxc/100/clone", map[string]string{"newid": "101", "hostname": "web2"})
	if upid[len(upid)-len(":vzclone:100:root@pam!acctest:"):] != ":vzclone:100:root@pam!acctest:" {
		t.Fatalf("clone UPID names the source: %q", upid)
	}
	conf = nil
	c.ok("GET", "/nodes/pve-s1/lxc/101/config", nil, &conf)
	if conf["rootfs"] != "local-lvm:base-100-disk-0/vm-101-disk-0,size=8G" || conf["hostname"] != "web2" {
		t.Fatalf("linked clone %v", conf)
	}
	// Migrate the clone; the running check wants restart=1.
	c.okTask("POST", "/nodes/pve-s1/lxc/101/status/start", nil)
	c.fails("POST", "/nodes/pve-s1/lxc/101/migrate", map[string]string{"target": "pve-s2"}, 500, "CT is running - use restart migration")
	c.fails("POST", "/nodes/pve-s1/lxc/101/migrate", map[string]string{"target": "pve-s1", "restart": "1"}, 500, "target is local node.")
	c.okTask("POST", "/nodes/pve-s1/lxc/101/migrate", map[string]string{"target": "pve-s2", "restart": "1"})
	c.ok("GET", "/nodes/pve-s2/lxc/101/status/current", nil, nil)
	c.fails("GET", "/nodes/pve-s1/lxc/101/status/current", nil, 500, "does not exist")
}

func TestLXCStatusDefaults(t *testing.T) {
	file := t.TempDir() + "/s.json"
	if err := os.WriteFile(file, []byte(`{"guests":{"150":{"node":"pve-s1","type":"lxc","config":{"cpulimit":"1.5"}}}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTest(t, func(c *Config) { c.StateFile = file })
	raw, err := s.Call("GET", "/nodes/pve-s1/lxc/150/status/current", nil)
	if err != nil {
		t.Fatal(err)
	}
	st := mustJSON(t, raw)
	if st["name"] != "CT150" || st["maxmem"] != float64(512<<20) || st["cpus"] != 1.5 || st["maxdisk"] != float64(4<<30) || st["status"] != "stopped" {
		t.Fatalf("status %v", st)
	}
}
