package proxmox

import "testing"

// TestOptionsStoredAsSent: property strings other than drives and NICs
// come back exactly as sent (qemu-server and pve-container store them
// verbatim), e.g. agent "enabled=1,fstrim_cloned_disks=1", not "1,...".
func TestOptionsStoredAsSent(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", map[string]string{"agent": "enabled=1,fstrim_cloned_disks=1", "startup": "up=30,order=2"})
	c.createCT("pve-s1", "100", map[string]string{"features": "nesting=1,keyctl=1", "startup": "up=5,order=1"})
	for path, want := range map[string]map[string]string{
		"/nodes/pve-s1/qemu/300/config": {"agent": "enabled=1,fstrim_cloned_disks=1", "startup": "up=30,order=2"},
		"/nodes/pve-s1/lxc/100/config":  {"features": "nesting=1,keyctl=1", "startup": "up=5,order=1"},
	} {
		var conf map[string]any
		c.ok("GET", path, nil, &conf)
		for k, v := range want {
			if conf[k] != v {
				t.Errorf("%s %s = %v, want %q", path, k, conf[k], v)
			}
		}
	}
	var st map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/status/current", nil, &st)
	if st["agent"] != float64(1) {
		t.Errorf("status agent %v", st["agent"])
	}
}
