package proxmox

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// A cluster (an emulator standing in for it) with a varied state.
func variedCluster(t *testing.T) *Server {
	t.Helper()
	s := startTest(t)
	tmpl := "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"
	calls := []struct {
		method, path string
		params       map[string]string
	}{
		{"POST", "/storage", map[string]string{"storage": "smb", "type": "cifs", "server": "10.0.0.5", "share": "pve",
			"username": "pve", "password": "smb-Secret-7", "content": "backup,iso"}},
		{"POST", "/pools", map[string]string{"poolid": "lab", "comment": "the lab"}},
		{"POST", "/nodes/pve-s2/lxc", map[string]string{"vmid": "150", "ostemplate": tmpl, "rootfs": "local-lvm:2",
			"hostname": "dns", "description": "resolver", "net0": "name=eth0,bridge=vmbr0,ip=dhcp", "pool": "lab", "tags": "B;a"}},
		{"POST", "/nodes/pve-s1/qemu", map[string]string{"vmid": "201", "name": "web", "memory": "2048", "scsi0": "local-lvm:4",
			"net0": "virtio,bridge=vmbr0", "cipassword": "ci-Secret-8", "ipconfig0": "ip=dhcp", "ide2": "local-lvm:cloudinit"}},
		{"POST", "/nodes/pve-s1/qemu/201/status/start", nil},
		{"PUT", "/nodes/pve-s1/qemu/201/config", map[string]string{"cores": "4"}}, // pending on a running VM
		{"PUT", "/pools", map[string]string{"poolid": "lab", "storage": "nas"}},
		{"POST", "/cluster/ha/resources", map[string]string{"sid": "ct:150", "max_restart": "2", "comment": "dns"}},
		{"POST", "/cluster/ha/rules", map[string]string{"rule": "dns-s2", "type": "node-affinity", "resources": "ct:150", "nodes": "pve-s2:2,pve-s3"}},
		{"POST", "/cluster/backup", map[string]string{"id": "nightly", "schedule": "02:00", "pool": "lab", "storage": "nas",
			"prune-backups": "keep-last=3,keep-daily=7"}},
		{"POST", "/cluster/backup", map[string]string{"schedule": "sun 03:00", "all": "1", "storage": "local", "enabled": "0"}},
		{"POST", "/nodes/pve-s3/network", map[string]string{"iface": "vmbr1", "type": "bridge", "bridge_ports": "eno2",
			"bridge_vlan_aware": "1", "comments": "lab vlans"}},
		{"PUT", "/nodes/pve-s3/network", nil},
		{"POST", "/nodes/pve-s3/network", map[string]string{"iface": "vmbr1.20", "type": "vlan", "cidr": "10.20.0.3/24"}},
		{"PUT", "/nodes/pve-s3/network", nil},
	}
	for _, c := range calls {
		if _, err := s.Call(c.method, c.path, c.params); err != nil {
			t.Fatalf("%s %s: %v", c.method, c.path, err)
		}
	}
	return s
}

// volatile are values that differ between any two reads (uptime) or two
// emulators (certificates).
var volatile = map[string]bool{"uptime": true, "ssl_fingerprint": true, "pid": true}

func stripVolatile(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k := range x {
			if volatile[k] {
				delete(x, k)
			} else {
				x[k] = stripVolatile(x[k])
			}
		}
	case []any:
		for i := range x {
			x[i] = stripVolatile(x[i])
		}
	}
	return v
}

// The twin loaded from a snapshot answers every read the snapshot made as
// the cluster does (digests included); new VMIDs and job ids continue
// after the cluster's; the file holds no secret.
func TestSnapshotTwin(t *testing.T) {
	real := variedCluster(t)
	type read struct {
		path   string
		params map[string]string
		answer json.RawMessage
	}
	var reads []read
	snap, err := TakeSnapshot(func(p string, q map[string]string) (json.RawMessage, error) {
		b, err := real.Call("GET", p, q)
		reads = append(reads, read{p, q, b})
		return b, err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Warnings) != 0 {
		t.Errorf("warnings: %v", snap.Warnings)
	}
	b, err := json.MarshalIndent(snap, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"smb-Secret-7", "ci-Secret-8", testTokenSecret} {
		if strings.Contains(string(b), secret) {
			t.Fatalf("the snapshot holds a secret (%.4s...)", secret)
		}
	}
	if !strings.Contains(snap.Note, "no secrets") || snap.Format != SnapshotFormat {
		t.Errorf("format %q note %q", snap.Format, snap.Note)
	}
	file := filepath.Join(t.TempDir(), "pve.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	twin := startTest(t, func(c *Config) { c.StateFile = file })

	for _, r := range reads {
		got, err := twin.Call("GET", r.path, r.params)
		if err != nil {
			t.Errorf("twin GET %s %v: %v", r.path, r.params, err)
			continue
		}
		var w, g any
		_ = json.Unmarshal(r.answer, &w)
		_ = json.Unmarshal(got, &g)
		if strings.HasPrefix(r.path, "/nodes/pve-s1/qemu/201/") {
			// The twin's cipassword is a placeholder: its value and so the
			// config's digest differ.
			w, g = withoutCIPassword(w), withoutCIPassword(g)
		}
		if !reflect.DeepEqual(stripVolatile(w), stripVolatile(g)) {
			t.Errorf("GET %s %v:\n got %s\nwant %s", r.path, r.params, got, r.answer)
		}
	}

	// Counters continue after the cluster's.
	for _, s := range []*Server{real, twin} {
		id, _ := s.Call("GET", "/cluster/nextid", nil)
		if string(id) != `"100"` {
			t.Errorf("nextid %s", id)
		}
		if _, err := s.Call("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "151",
			"ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "rootfs": "local-lvm:1"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Call("POST", "/cluster/backup", map[string]string{"schedule": "daily", "vmid": "151"}); err != nil {
			t.Fatal(err)
		}
	}
	jobs := func(s *Server) []string {
		raw, _ := s.Call("GET", "/cluster/backup", nil)
		var list []map[string]any
		_ = json.Unmarshal(raw, &list)
		var out []string
		for _, j := range list {
			out = append(out, j["id"].(string))
		}
		return out
	}
	if r, w := jobs(real), jobs(twin); len(r) != 3 || len(w) != 3 || r[0] != w[0] || r[1] != w[1] {
		t.Errorf("backup jobs: cluster %v, twin %v", r, w)
	}
	vols := func(s *Server) string {
		raw, _ := s.Call("GET", "/nodes/pve-s1/storage/local-lvm/content", map[string]string{"vmid": "151"})
		return string(raw)
	}
	if vols(real) != vols(twin) {
		t.Errorf("the new guest's disks: cluster %s, twin %s", vols(real), vols(twin))
	}
}

func withoutCIPassword(v any) any {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "cipassword")
		delete(x, "digest")
	case []any:
		var out []any
		for _, e := range x {
			if m, ok := e.(map[string]any); ok && (m["key"] == "cipassword" || m["key"] == "digest") {
				continue
			}
			out = append(out, e)
		}
		return out
	}
	return v
}
