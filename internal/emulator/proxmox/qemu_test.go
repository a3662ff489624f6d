package proxmox

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func createVM(c *rawClient, node, vmid string, extra map[string]string) {
	c.t.Helper()
	p := map[string]string{"vmid": vmid, "name": "vm" + vmid, "memory": "2048", "cores": "2", "scsi0": "local-lvm:32", "net0": "virtio,bridge=vmbr0"}
	for k, v := range extra {
		p[k] = v
	}
	c.okTask("POST", "/nodes/"+node+"/qemu", p)
}

func TestQemuCreateAndConfig(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", map[string]string{"cpulimit": "2", "ide2": "local-lvm:cloudinit", "efidisk0": "local-lvm:1,efitype=4m", "description": "a\nb",
		"cipassword": "secret", "ha-managed": "1"})
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/config", nil, &conf)
	checks := map[string]any{
		"memory": "2048", "cores": float64(2), "cpulimit": "2", "name": "vm300",
		"scsi0": "local-lvm:vm-300-disk-0,size=32G", "efidisk0": "local-lvm:vm-300-disk-1,efitype=4m,size=4M",
		"ide2": "local-lvm:vm-300-cloudinit,media=cdrom", "boot": "order=scsi0;net0", "description": "a\nb",
		"cipassword": "**********",
	}
	for k, v := range checks {
		if conf[k] != v {
			t.Errorf("%s = %#v, want %#v", k, conf[k], v)
		}
	}
	if !regexp.MustCompile(`^virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0$`).MatchString(conf["net0"].(string)) {
		t.Errorf("net0 %q", conf["net0"])
	}
	if !strings.HasPrefix(conf["meta"].(string), "creation-qemu=") || !strings.HasPrefix(conf["smbios1"].(string), "uuid=") || len(conf["vmgenid"].(string)) != 36 {
		t.Errorf("meta/smbios1/vmgenid: %v %v %v", conf["meta"], conf["smbios1"], conf["vmgenid"])
	}
	var ha map[string]any
	c.ok("GET", "/cluster/ha/resources/vm:300", nil, &ha)
	if ha["state"] != "stopped" { // started only with start=1
		t.Fatalf("ha-managed create: %v", ha)
	}
	// An existing VMID fails the create task, as qemu-server checks in the worker.
	var upid string
	c.ok("POST", "/nodes/pve-s2/qemu", map[string]string{"vmid": "300"}, &upid)
	if st := c.task(upid); st != "unable to create VM 300 - VM 300 already exists on node 'pve-s1'" {
		t.Fatalf("collision task: %q", st)
	}
	// POST config is asynchronous (UPID), PUT synchronous (null).
	c.ok("POST", "/nodes/pve-s1/qemu/300/config", map[string]string{"memory": "4096"}, &upid)
	if !strings.Contains(upid, ":qmconfig:300:") || c.task(upid) != "OK" {
		t.Fatalf("POST config %q", upid)
	}
	r := c.do("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"memory": "1024"})
	if r.Status != 200 || string(r.Data) != "null" {
		t.Fatalf("PUT config %s", r.raw)
	}
	var st map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/status/current", nil, &st)
	if st["maxmem"] != float64(1024<<20) || st["cpus"] != float64(2) || st["qmpstatus"] != "stopped" {
		t.Fatalf("status %v", st)
	}
}

func TestQemuRunningRules(t *testing.T) {
	s := startTest(t)
	s.SetBridges("pve-s1", "vmbr0", "vmbr1")
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", map[string]string{"start": "1"})
	c.fails("DELETE", "/nodes/pve-s1/qemu/300", nil, 500, "VM 300 is running - destroy failed")
	// cores is not hot-pluggable: pending until the next start.
	c.ok("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"cores": "4", "net0": "virtio,bridge=vmbr1"}, nil)
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/config", map[string]string{"current": "1"}, &conf)
	if conf["cores"] != float64(2) || !strings.Contains(conf["net0"].(string), "vmbr1") {
		t.Fatalf("current config %v", conf)
	}
	var pending []map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/pending", nil, &pending)
	found := false
	for _, p := range pending {
		if p["key"] == "cores" && p["pending"] == float64(4) && p["value"] == float64(2) {
			found = true
		}
	}
	if !found {
		t.Fatalf("pending %v", pending)
	}
	// qemu-server checks "already running" in the worker; stopping a stopped
	// VM is a no-op.
	var upid string
	c.ok("POST", "/nodes/pve-s1/qemu/300/status/start", nil, &upid)
	if st := c.task(upid); st != "VM 300 already running" {
		t.Fatalf("start of a running VM: %q", st)
	}
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/suspend", nil)
	var st map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/status/current", nil, &st)
	if st["qmpstatus"] != "paused" || st["status"] != "running" {
		t.Fatalf("suspended status %v", st)
	}
	c.fails("POST", "/nodes/pve-s1/qemu/300/status/shutdown", nil, 500, "VM is paused - cannot shutdown")
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/resume", nil)
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/stop", nil)
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/stop", nil)
	c.fails("POST", "/nodes/pve-s1/qemu/300/status/reboot", nil, 500, "VM 300 not running")
	c.okTask("POST", "/nodes/pve-s1/qemu/300/status/start", nil)
	conf = nil
	c.ok("GET", "/nodes/pve-s1/qemu/300/config", map[string]string{"current": "1"}, &conf)
	if conf["cores"] != float64(4) {
		t.Fatalf("pending not applied at start: %v", conf["cores"])
	}
	c.fails("POST", "/nodes/pve-s1/qemu/300/template", nil, 500, "you can't convert a VM to template if VM is running")
	c.fails("POST", "/nodes/pve-s1/qemu/300/migrate", map[string]string{"target": "pve-s2"}, 500, "can't migrate running VM without --online")
	c.okTask("POST", "/nodes/pve-s1/qemu/300/migrate", map[string]string{"target": "pve-s2", "online": "1", "with-local-disks": "1"})
	var res []map[string]any
	c.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
	if res[0]["node"] != "pve-s2" {
		t.Fatalf("after migrate %v", res)
	}
	if len(s.st.volumesOn("pve-s2", "local-lvm")) != 1 {
		t.Fatal("local disk did not move with the VM")
	}
}

func TestQemuResizeCloneTemplate(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", nil)
	c.okTask("PUT", "/nodes/pve-s1/qemu/300/resize", map[string]string{"disk": "scsi0", "size": "+8G"})
	var upid string
	c.ok("PUT", "/nodes/pve-s1/qemu/300/resize", map[string]string{"disk": "scsi0", "size": "10G"}, &upid)
	if st := c.task(upid); st != "shrinking disks is not supported" {
		t.Fatalf("shrink: %q", st)
	}
	// Full clone of a plain VM (default), then linked clones need a template.
	c.okTask("POST", "/nodes/pve-s1/qemu/300/clone", map[string]string{"newid": "301", "name": "copy", "storage": "nas", "target": "pve-s2"})
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s2/qemu/301/config", nil, &conf)
	if conf["scsi0"] != "nas:301/vm-301-disk-0.qcow2,size=40G" || conf["name"] != "copy" {
		t.Fatalf("full clone %v", conf)
	}
	c.fails("POST", "/nodes/pve-s1/qemu/300/clone", map[string]string{"newid": "302", "full": "0", "storage": "local-lvm"}, 500, "parameter 'storage' not allowed for linked clones")
	c.fails("POST", "/nodes/pve-s1/qemu/300/clone", map[string]string{"newid": "301"}, 500, "VM 301 already exists on node 'pve-s2'")
	c.ok("POST", "/nodes/pve-s1/qemu/300/template", nil, &upid)
	if !strings.Contains(upid, ":qmtemplate:300:") {
		t.Fatalf("template %q", upid)
	}
	conf = nil
	c.ok("GET", "/nodes/pve-s1/qemu/300/config", nil, &conf)
	if conf["template"] != float64(1) || conf["scsi0"] != "local-lvm:base-300-disk-0,size=40G" {
		t.Fatalf("template config %v", conf)
	}
	var res []map[string]any
	c.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
	if res[0]["template"] != float64(1) {
		t.Fatalf("template in resources %v", res[0])
	}
	c.ok("POST", "/nodes/pve-s1/qemu/300/status/start", nil, &upid)
	if st := c.task(upid); st != "you can't start a vm if it's a template" {
		t.Fatalf("starting a template: %q", st)
	}
	c.okTask("POST", "/nodes/pve-s1/qemu/300/clone", map[string]string{"newid": "302"})
	var upid2 string
	c.ok("DELETE", "/nodes/pve-s1/qemu/300", nil, &upid2)
	if st := c.task(upid2); !strings.Contains(st, "linked clone 302") {
		t.Fatalf("deleting a base in use: %q", st)
	}
}

// qemu-server checks the digest itself, with its own message, and prints
// cipassword as <hidden> in the qmconfig task log.
func TestQemuConfigDigestAndHiddenPassword(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", nil)
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/config", nil, &conf)
	digest := conf["digest"].(string)

	var upid string
	c.ok("POST", "/nodes/pve-s1/qemu/300/config", map[string]string{"cipassword": "n3w-s3cret", "digest": digest}, &upid)
	if st := c.task(upid); st != "OK" {
		t.Fatalf("config task: %s", st)
	}
	var lines []map[string]any
	c.ok("GET", "/nodes/pve-s1/tasks/"+upid+"/log", nil, &lines)
	var log strings.Builder
	for _, l := range lines {
		fmt.Fprintln(&log, l["t"])
	}
	if strings.Contains(log.String(), "n3w-s3cret") || !strings.Contains(log.String(), "-cipassword <hidden>") {
		t.Errorf("task log shows the password or lacks <hidden>:\n%s", log.String())
	}

	c.fails("POST", "/nodes/pve-s1/qemu/300/config", map[string]string{"memory": "4096", "digest": digest}, 500,
		"checksum missmatch (file change by other user?)")
}

// TestQemuPendingHidesPassword: GET .../pending masks the cloud-init
// password as qemu-server's vm_pending does, current and pending alike.
func TestQemuPendingHidesPassword(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "301", nil)
	var upid string
	c.ok("POST", "/nodes/pve-s1/qemu/301/config", map[string]string{"cipassword": "n3w-s3cret"}, &upid)
	if st := c.task(upid); st != "OK" {
		t.Fatalf("config task: %s", st)
	}
	var pending []map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/301/pending", nil, &pending)
	found := false
	for _, e := range pending {
		if e["key"] != "cipassword" {
			continue
		}
		found = true
		if v, ok := e["value"]; ok && v != "**********" {
			t.Errorf("current cipassword shown as %v", v)
		}
		if v, ok := e["pending"]; ok && v != "********** " {
			t.Errorf("pending cipassword shown as %v", v)
		}
	}
	if !found {
		t.Fatalf("no cipassword entry in %v", pending)
	}
}
