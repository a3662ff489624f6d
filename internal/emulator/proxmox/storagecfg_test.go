package proxmox

import (
	"testing"
)

// TestStorageConfig: /storage as pve-storage's Config.pm and plugins
// behave: defaults per plugin, fixed and unexpected options, secrets never
// returned, nodes restriction seen by /nodes/{node}/storage, delete.
func TestStorageConfig(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)

	c.ok("POST", "/storage", map[string]string{"storage": "backup-nas", "type": "nfs", "server": "10.10.10.21", "export": "/volume1/backup"}, nil)
	var st map[string]any
	st = nil
	c.ok("GET", "/storage/backup-nas", nil, &st)
	if st["content"] != "images" || st["shared"] != float64(1) || st["path"] != "/mnt/pve/backup-nas" || st["digest"] == nil {
		t.Fatalf("nfs defaults %v", st)
	}
	// shared is not an nfs option; cifs needs its share; types are checked
	// against the schema's enum.
	c.fails("POST", "/storage", map[string]string{"storage": "xx", "type": "nfs", "server": "h", "export": "/e", "shared": "1"}, 500, "unexpected property 'shared'")
	c.fails("POST", "/storage", map[string]string{"storage": "xx", "type": "cifs", "server": "h"}, 500, "missing value for required option 'share'")
	c.fails("POST", "/storage", map[string]string{"storage": "xx", "type": "nope"}, 400, "Parameter verification failed.")
	c.fails("POST", "/storage", map[string]string{"storage": "backup-nas", "type": "dir", "path": "/srv"}, 500, "create storage failed: storage ID 'backup-nas' already defined")
	c.fails("POST", "/storage", map[string]string{"storage": "xx", "type": "dir", "path": "/srv", "content": "backup,bogus"}, 400, "Parameter verification failed.")
	c.fails("POST", "/storage", map[string]string{"storage": "xx", "type": "lvmthin", "vgname": "pve", "thinpool": "data", "content": "backup"}, 500, "storage does not support content type 'backup'")
	c.fails("POST", "/storage", map[string]string{"storage": "xx", "type": "dir", "path": "/srv", "prune-backups": "keep-all=1,keep-last=2"}, 400, "Parameter verification failed.")

	// Fixed options cannot be sent to an update, not even unchanged.
	c.fails("PUT", "/storage/backup-nas", map[string]string{"server": "10.10.10.21"}, 500, "update storage failed: can't change value of fixed parameter 'server'")
	c.fails("PUT", "/storage/backup-nas", map[string]string{"delete": "export"}, 500, "unable to delete required option 'export'")
	c.ok("PUT", "/storage/backup-nas", map[string]string{"content": "backup,iso", "nodes": "pve-s2,pve-s1", "prune-backups": "keep-daily=7,keep-last=3", "options": "vers=4.2"}, nil)
	st = nil
	c.ok("GET", "/storage/backup-nas", nil, &st)
	if st["content"] != "backup,iso" || st["nodes"] != "pve-s1,pve-s2" || st["prune-backups"] != "keep-daily=7,keep-last=3" || st["options"] != "vers=4.2" {
		t.Fatalf("after update %v", st)
	}
	var list []map[string]any
	c.ok("GET", "/nodes/pve-s3/storage", nil, &list)
	for _, e := range list {
		if e["storage"] == "backup-nas" {
			t.Fatalf("storage restricted to pve-s1,pve-s2 listed on pve-s3: %v", e)
		}
	}
	c.ok("PUT", "/storage/backup-nas", map[string]string{"delete": "nodes,options", "disable": "1"}, nil)
	st = nil
	c.ok("GET", "/storage/backup-nas", nil, &st)
	if st["nodes"] != nil || st["options"] != nil || st["disable"] != float64(1) {
		t.Fatalf("after delete %v", st)
	}
	c.ok("GET", "/nodes/pve-s3/storage", nil, &list)
	found := false
	for _, e := range list {
		if e["storage"] == "backup-nas" {
			found = e["enabled"] == float64(0) && e["active"] == float64(0)
		}
	}
	if !found {
		t.Fatalf("disabled storage not listed as disabled: %v", list)
	}

	// A password is kept but never returned.
	c.ok("POST", "/storage", map[string]string{"storage": "pbs1", "type": "pbs", "server": "10.10.10.30", "datastore": "lab",
		"username": "backup@pbs", "password": "pbs-secret", "fingerprint": "ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab:ab"}, nil)
	st = nil
	c.ok("GET", "/storage/pbs1", nil, &st)
	if st["password"] != nil || st["content"] != "backup" || st["shared"] != float64(1) {
		t.Fatalf("pbs %v", st)
	}
	c.ok("DELETE", "/storage/pbs1", nil, nil)
	c.fails("GET", "/storage/pbs1", nil, 500, "storage 'pbs1' does not exist")
}

// TestPools: the PVE 9 /pools API with ?poolid=, members, and the refusals
// of adding a member twice or removing a non-member.
func TestPools(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.ok("POST", "/pools", map[string]string{"poolid": "infra", "comment": "core"}, nil)
	c.ok("POST", "/pools", map[string]string{"poolid": "k8s"}, nil)
	c.fails("POST", "/pools", map[string]string{"poolid": "infra"}, 500, "create pool failed: pool 'infra' already exists")
	c.fails("POST", "/pools", map[string]string{"poolid": "a/b"}, 500, "parent 'a' does not exist")
	c.createCT("pve-s1", "100", nil)

	c.ok("PUT", "/pools", map[string]string{"poolid": "infra", "vms": "100", "storage": "nas"}, nil)
	c.fails("PUT", "/pools", map[string]string{"poolid": "infra", "vms": "100"}, 500, "VM 100 is already a pool member")
	c.fails("PUT", "/pools", map[string]string{"poolid": "k8s", "vms": "100"}, 500, "VM 100 belongs already to pool 'infra' and allow-move is not set")
	c.fails("PUT", "/pools", map[string]string{"poolid": "k8s", "vms": "100", "delete": "1"}, 500, "VM 100 is not a pool member")

	var list []map[string]any
	c.ok("GET", "/pools", map[string]string{"poolid": "infra"}, &list)
	if len(list) != 1 || list[0]["comment"] != "core" {
		t.Fatalf("pool %v", list)
	}
	members, _ := list[0]["members"].([]any)
	if len(members) != 2 || members[0].(map[string]any)["vmid"] != float64(100) || members[1].(map[string]any)["storage"] != "nas" {
		t.Fatalf("members %v", members)
	}
	var index []map[string]any
	c.ok("GET", "/pools", nil, &index)
	if len(index) != 2 || index[0]["members"] != nil {
		t.Fatalf("index %v", index)
	}
	c.fails("GET", "/pools", map[string]string{"poolid": "nope"}, 500, "pool 'nope' does not exist")
	c.fails("DELETE", "/pools", map[string]string{"poolid": "infra"}, 500, "delete pool failed: pool 'infra' is not empty (contains VM 100)")
	c.ok("PUT", "/pools", map[string]string{"poolid": "k8s", "vms": "100", "allow-move": "1", "comment": "cluster"}, nil)
	c.ok("PUT", "/pools", map[string]string{"poolid": "infra", "storage": "nas", "delete": "1"}, nil)
	c.ok("DELETE", "/pools", map[string]string{"poolid": "infra"}, nil)
	list = nil
	c.ok("GET", "/pools", map[string]string{"poolid": "k8s"}, &list)
	if list[0]["comment"] != "cluster" || len(list[0]["members"].([]any)) != 1 {
		t.Fatalf("k8s %v", list)
	}
}
