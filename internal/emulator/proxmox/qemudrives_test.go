package proxmox

import (
	"strings"
	"testing"
)

func (s *Server) volids(storageID string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, v := range s.st.Volumes {
		if v.Storage == storageID {
			out = append(out, v.Volid)
		}
	}
	return out
}

func unusedKeys(conf map[string]any) []string {
	var out []string
	for k := range conf {
		if strings.HasPrefix(k, "unused") {
			out = append(out, k+"="+conf[k].(string))
		}
	}
	return out
}

// TestQemuCloudinitDriveFreed: removing the cloud-init drive frees its
// volume (never unusedN), re-adding it allocates a fresh one, and a second
// cloud-init drive is refused.
func TestQemuCloudinitDriveFreed(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", map[string]string{"ide2": "local-lvm:cloudinit"})
	c.ok("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"delete": "ide2"}, nil)
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/config", nil, &conf)
	if u := unusedKeys(conf); len(u) > 0 || conf["ide2"] != nil {
		t.Fatalf("after deleting the cloud-init drive: %v, ide2 %v", u, conf["ide2"])
	}
	for _, v := range s.volids("local-lvm") {
		if strings.Contains(v, "cloudinit") {
			t.Fatalf("cloud-init volume %s left behind", v)
		}
	}
	c.ok("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"ide2": "local-lvm:cloudinit"}, nil)
	n := 0
	for _, v := range s.volids("local-lvm") {
		if v == "local-lvm:vm-300-cloudinit" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("re-added cloud-init drive: %d volumes vm-300-cloudinit", n)
	}
	c.fails("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"ide0": "local-lvm:cloudinit"}, 500,
		"ide0 - cloud-init drive is already attached at 'ide2'")
}

// TestQemuCDROMMediaChange: a running VM's CD-ROM medium is swapped at
// once; a replaced or removed ISO never becomes unusedN; a disk the VM
// does not own is detached, not registered as unused.
func TestQemuCDROMMediaChange(t *testing.T) {
	s := startTest(t)
	s.mu.Lock()
	for _, name := range []string{"a.iso", "b.iso"} {
		s.st.addVolume(&volume{Node: "pve-s1", Storage: "local", Volid: "local:iso/" + name, Content: "iso", Format: "iso", Size: 1 << 20})
	}
	s.mu.Unlock()
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", map[string]string{"ide2": "local:iso/a.iso,media=cdrom", "start": "1"})

	c.ok("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"ide2": "local:iso/b.iso,media=cdrom"}, nil)
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/config", map[string]string{"current": "1"}, &conf)
	if conf["ide2"] != "local:iso/b.iso,media=cdrom" || len(unusedKeys(conf)) > 0 {
		t.Fatalf("media change on a running VM: ide2 %v, unused %v", conf["ide2"], unusedKeys(conf))
	}
	var pending []map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/pending", nil, &pending)
	for _, p := range pending {
		if p["key"] == "ide2" && p["pending"] != nil {
			t.Fatalf("media change left pending: %v", p)
		}
	}
	r := c.fails("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"ide2": "local-lvm:1"}, 400, "Parameter verification failed")
	if !strings.Contains(r.Errors["ide2"], "hotplug problem - unable to change media type") {
		t.Fatalf("cdrom to disk on a running VM: %s", r.raw)
	}
	c.ok("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"revert": "ide2"}, nil)

	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/stop", nil)
	c.ok("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"ide2": "none,media=cdrom"}, nil)
	createVM(c, "pve-s1", "301", map[string]string{"scsi1": "local-lvm:vm-300-disk-0"})
	c.ok("PUT", "/nodes/pve-s1/qemu/301/config", map[string]string{"delete": "scsi1"}, nil)
	for _, vmid := range []string{"300", "301"} {
		conf = nil
		c.ok("GET", "/nodes/pve-s1/qemu/"+vmid+"/config", nil, &conf)
		if u := unusedKeys(conf); len(u) > 0 {
			t.Errorf("VM %s: %v", vmid, u)
		}
	}
	vols := strings.Join(append(s.volids("local"), s.volids("local-lvm")...), ",")
	for _, want := range []string{"local:iso/a.iso", "local:iso/b.iso", "local-lvm:vm-300-disk-0"} {
		if !strings.Contains(vols, want) {
			t.Errorf("%s was freed: %s", want, vols)
		}
	}
}
