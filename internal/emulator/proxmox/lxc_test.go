package proxmox

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

var upidRE = regexp.MustCompile(`^UPID:pve-s1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:vzcreate:1005:root@pam!acctest:$`)

func TestLXCCreateAndConfig(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	var next string
	c.ok("GET", "/cluster/nextid", nil, &next) // a JSON string, as PVE sends it
	if next != "100" {
		t.Fatalf("nextid %q", next)
	}
	var upid string
	c.ok("POST", "/nodes/pve-s1/lxc", map[string]string{
		"vmid": "1005", "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst",
		"rootfs": "local-lvm:8", "hostname": "web", "memory": "1024", "cpulimit": "1.5", "cores": "2",
		"net0": "name=eth0,bridge=vmbr0,ip=dhcp", "tags": "Web;prod,web", "description": "hello",
		"mp0": "local-lvm:2,mp=/data", "features": "nesting=1",
	}, &upid)
	if !upidRE.MatchString(upid) {
		t.Fatalf("UPID %q", upid)
	}
	var st map[string]any
	c.ok("GET", "/nodes/pve-s1/tasks/"+upid+"/status", nil, &st)
	if st["status"] != "stopped" || st["exitstatus"] != "OK" || st["user"] != "root@pam" || st["tokenid"] != "acctest" || st["type"] != "vzcreate" {
		t.Fatalf("task status %v", st)
	}
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/1005/config", nil, &conf)
	want := map[string]any{
		"memory": float64(1024), "swap": float64(512), "cores": float64(2), "cpulimit": "1.5",
		"unprivileged": float64(1), "hostname": "web", "arch": "amd64", "ostype": "debian",
		"rootfs": "local-lvm:vm-1005-disk-0,size=8G", "mp0": "local-lvm:vm-1005-disk-1,mp=/data,size=2G",
		"tags": "prod;web", "description": "hello\n", "features": "nesting=1",
	}
	for k, v := range want {
		if conf[k] != v {
			t.Errorf("config %s = %#v, want %#v", k, conf[k], v)
		}
	}
	if !regexp.MustCompile(`^name=eth0,bridge=vmbr0,hwaddr=BC:24:11:[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2},ip=dhcp,type=veth$`).MatchString(conf["net0"].(string)) {
		t.Errorf("net0 %q", conf["net0"])
	}
	if d, _ := conf["digest"].(string); len(d) != 40 {
		t.Errorf("digest %q", d)
	}
	for _, k := range []string{"ostemplate", "storage", "password", "vmid"} {
		if _, ok := conf[k]; ok {
			t.Errorf("%s stored in config", k)
		}
	}
	var res []map[string]any
	c.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
	if len(res) != 1 || res[0]["vmid"] != float64(1005) || res[0]["template"] != float64(0) || res[0]["type"] != "lxc" ||
		res[0]["node"] != "pve-s1" || res[0]["name"] != "web" || res[0]["tags"] != "prod;web" || res[0]["id"] != "lxc/1005" {
		t.Fatalf("resources %v", res)
	}
	var content []map[string]any
	c.ok("GET", "/nodes/pve-s1/storage/local-lvm/content", nil, &content)
	if len(content) != 2 || content[0]["volid"] != "local-lvm:vm-1005-disk-0" || content[0]["size"] != float64(8<<30) {
		t.Fatalf("local-lvm content %v", content)
	}
	// Guests are unique across the cluster.
	c.fails("POST", "/nodes/pve-s2/lxc", map[string]string{"vmid": "1005", "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"},
		500, "CT 1005 already exists on node 'pve-s1'")
	c.fails("GET", "/cluster/nextid", map[string]string{"vmid": "1005"}, 400, "VM 1005 already exists")
	c.ok("GET", "/cluster/nextid", nil, &next)
	if next != "100" {
		t.Fatalf("nextid %q", next)
	}
	c.fails("GET", "/nodes/pve-s2/lxc/1005/config", nil, 500, "Configuration file 'nodes/pve-s2/lxc/1005.conf' does not exist")
}

func TestLXCCreateRules(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	tmpl := "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"
	// No rootfs: the default storage "local" cannot hold containers.
	r := c.fails("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": tmpl}, 400, "Parameter verification failed.")
	if r.Errors["storage"] != "storage 'local' does not support container directories" {
		t.Fatalf("errors %v", r.Errors)
	}
	c.fails("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": tmpl, "mp0": "local-lvm:1,mp=/x"},
		500, "mount points configured, but 'rootfs' not set - aborting")
	c.fails("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": "local:vztmpl/nope.tar.zst", "rootfs": "local-lvm:1"},
		500, "volume 'local:vztmpl/nope.tar.zst' does not exist")
	// With storage=local-lvm the rootfs defaults to 4G; defaults are filled in.
	c.okTask("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "100", "ostemplate": tmpl, "storage": "local-lvm"})
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["rootfs"] != "local-lvm:vm-100-disk-0,size=4G" || conf["hostname"] != "CT100" || conf["memory"] != float64(512) {
		t.Fatalf("config %v", conf)
	}
	if len(s.st.volumesOn("pve-s1", "local-lvm")) != 1 {
		t.Fatal("failed creates leaked volumes")
	}
}

func TestLXCUpdateRules(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", nil)
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	digest := conf["digest"].(string)
	hw := conf["net0"].(string)
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "2048", "digest": digest, "net0": "name=eth0,bridge=vmbr1,ip=dhcp", "delete": "swap"}, nil)
	conf = nil
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["memory"] != float64(2048) || conf["digest"] == digest {
		t.Fatalf("after update %v", conf)
	}
	if _, ok := conf["swap"]; ok {
		t.Fatal("swap not deleted")
	}
	if !strings.Contains(conf["net0"].(string), "bridge=vmbr1") || conf["net0"].(string)[strings.Index(conf["net0"].(string), "hwaddr="):][:24] != hw[strings.Index(hw, "hwaddr="):][:24] {
		t.Fatalf("net0 update lost hwaddr: %v -> %v", hw, conf["net0"])
	}
	// A stale digest is refused.
	c.fails("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "512", "digest": digest}, 500,
		"detected modified configuration - file changed by other user? Try again.")
	c.fails("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{}, 500, "no options specified")
	c.fails("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"unprivileged": "0"}, 500, "unable to modify read-only option: 'unprivileged'")
	r := c.fails("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"delete": "memory", "memory": "1"}, 400, "Parameter verification failed.")
	if r.Errors["delete"] == "" && r.Errors["memory"] == "" {
		t.Fatalf("errors %v", r.Errors)
	}
	// A locked container refuses changes.
	s.mu.Lock()
	s.st.Guests[100].Lock = "backup"
	s.mu.Unlock()
	c.fails("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"memory": "512"}, 500, "CT is locked (backup)")
	var upid string
	c.ok("DELETE", "/nodes/pve-s1/lxc/100", nil, &upid)
	if st := c.task(upid); st != "CT is locked (backup)" {
		t.Fatalf("delete of a locked CT: %q", st)
	}
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["lock"] != "backup" {
		t.Fatalf("lock not shown: %v", conf)
	}
}

func TestLXCResize(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", nil)
	c.okTask("PUT", "/nodes/pve-s1/lxc/100/resize", map[string]string{"disk": "rootfs", "size": "+2G"})
	c.okTask("PUT", "/nodes/pve-s1/lxc/100/resize", map[string]string{"disk": "rootfs", "size": "12G"})
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["rootfs"] != "local-lvm:vm-100-disk-0,size=12G" {
		t.Fatalf("rootfs %v", conf["rootfs"])
	}
	// PVE 9 checks before forking the worker.
	c.fails("PUT", "/nodes/pve-s1/lxc/100/resize", map[string]string{"disk": "rootfs", "size": "4G"}, 500, "unable to shrink disk size")
	c.fails("PUT", "/nodes/pve-s1/lxc/100/resize", map[string]string{"disk": "rootfs", "size": "12G"}, 500, "disk is already at specified size")
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["rootfs"] != "local-lvm:vm-100-disk-0,size=12G" {
		t.Fatalf("rootfs after shrink %v", conf["rootfs"])
	}
}

func TestLXCPowerAndDelete(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", map[string]string{"start": "1"})
	var st map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/status/current", nil, &st)
	if st["status"] != "running" || st["maxmem"] != float64(512<<20) || st["vmid"] != float64(100) {
		t.Fatalf("status %v", st)
	}
	c.fails("POST", "/nodes/pve-s1/lxc/100/status/start", nil, 500, "CT 100 already running")
	c.fails("DELETE", "/nodes/pve-s1/lxc/100", nil, 500, "unable to destroy CT 100 - container is running")
	c.createCT("pve-s1", "101", map[string]string{"start": "1"})
	c.okTask("DELETE", "/nodes/pve-s1/lxc/101", map[string]string{"force": "1"})
	// Non-hotpluggable changes to a running container are pending.
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"nameserver": "1.1.1.1", "memory": "1024"}, nil)
	var pending []map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/pending", nil, &pending)
	var sawNS, sawMem bool
	for _, p := range pending {
		if p["key"] == "nameserver" && p["pending"] == "1.1.1.1" {
			sawNS = true
		}
		if p["key"] == "memory" && p["value"] == float64(1024) && p["pending"] == nil {
			sawMem = true
		}
	}
	if !sawNS || !sawMem {
		t.Fatalf("pending %v", pending)
	}
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", map[string]string{"current": "1"}, &conf)
	if _, ok := conf["nameserver"]; ok {
		t.Fatal("pending value in current config")
	}
	c.okTask("POST", "/nodes/pve-s1/lxc/100/status/reboot", nil)
	conf = nil
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", map[string]string{"current": "1"}, &conf)
	if conf["nameserver"] != "1.1.1.1" {
		t.Fatal("pending not applied at reboot")
	}
	c.okTask("POST", "/nodes/pve-s1/lxc/100/status/shutdown", nil)
	c.fails("POST", "/nodes/pve-s1/lxc/100/status/stop", nil, 500, "CT 100 not running")
	c.fails("POST", "/nodes/pve-s1/lxc/100/status/shutdown", nil, 500, "CT 100 not running")
	c.fails("POST", "/nodes/pve-s1/lxc/100/status/reboot", nil, 500, "VM 100 not running")
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"protection": "1"}, nil)
	c.fails("DELETE", "/nodes/pve-s1/lxc/100", nil, 500, "can't remove CT 100 - protection mode enabled")
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"delete": "protection"}, nil)
	c.okTask("DELETE", "/nodes/pve-s1/lxc/100", map[string]string{"purge": "1"})
	var res []json.RawMessage
	c.ok("GET", "/cluster/resources", map[string]string{"type": "vm"}, &res)
	if len(res) != 0 || len(s.st.volumesOn("pve-s1", "local-lvm")) != 0 {
		t.Fatalf("after delete: %d resources, volumes %v", len(res), s.st.volumesOn("pve-s1", "local-lvm"))
	}
}
