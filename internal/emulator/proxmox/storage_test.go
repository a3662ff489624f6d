package proxmox

import (
	"net/url"
	"strings"
	"testing"
)

func TestStoragesAndContent(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	var list []map[string]any
	c.ok("GET", "/nodes/pve-s1/storage", nil, &list)
	got := map[string]string{}
	for _, st := range list {
		got[st["storage"].(string)] = st["content"].(string)
	}
	want := map[string]string{"local": "backup,iso,snippets,vztmpl", "local-lvm": "images,rootdir", "nas": "backup,images,iso,rootdir,vztmpl"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("storage %s content %q, want %q", k, got[k], v)
		}
	}
	list = nil
	c.ok("GET", "/nodes/pve-s1/storage", map[string]string{"content": "rootdir"}, &list)
	if len(list) != 2 {
		t.Fatalf("rootdir storages %v", list)
	}
	var status map[string]any
	c.ok("GET", "/nodes/pve-s1/storage/nas/status", nil, &status)
	if status["shared"] != float64(1) || status["total"] == nil {
		t.Fatalf("status %v", status)
	}

	// aplinfo: Debian, Ubuntu and Alpine templates; download to a storage.
	var apl []map[string]any
	c.ok("GET", "/nodes/pve-s1/aplinfo", nil, &apl)
	oses := map[string]bool{}
	for _, a := range apl {
		oses[a["os"].(string)[:3]] = true
	}
	if !oses["deb"] || !oses["ubu"] || !oses["alp"] {
		t.Fatalf("aplinfo %v", apl)
	}
	r := c.fails("POST", "/nodes/pve-s1/aplinfo", map[string]string{"storage": "local", "template": "nope.tar.zst"}, 400, "Parameter verification failed.")
	if r.Errors["template"] != "no such template" {
		t.Fatalf("errors %v", r.Errors)
	}
	c.fails("POST", "/nodes/pve-s1/aplinfo", map[string]string{"storage": "local-lvm", "template": "alpine-3.22-default_20250617_amd64.tar.xz"}, 500, "storage 'local-lvm' does not support templates")
	upid := c.okTask("POST", "/nodes/pve-s1/aplinfo", map[string]string{"storage": "nas", "template": "alpine-3.22-default_20250617_amd64.tar.xz"})
	if !strings.Contains(upid, ":download:alpine-3.22-default_20250617_amd64.tar.xz:root@pam!acctest:") {
		t.Fatalf("download UPID %q", upid)
	}
	// A shared storage shows the template on every node.
	var content []map[string]any
	c.ok("GET", "/nodes/pve-s3/storage/nas/content", map[string]string{"content": "vztmpl"}, &content)
	if len(content) != 1 || content[0]["volid"] != "nas:vztmpl/alpine-3.22-default_20250617_amd64.tar.xz" || content[0]["format"] != "txz" {
		t.Fatalf("nas content %v", content)
	}
	// Local storage content is per node.
	content = nil
	c.ok("GET", "/nodes/pve-s2/storage/local/content", nil, &content)
	if len(content) != 1 {
		t.Fatalf("pve-s2 local %v", content)
	}

	// download-url checks the extension for the content type.
	r = c.fails("POST", "/nodes/pve-s1/storage/local/download-url", map[string]string{"url": "https://example.com/x.qcow2", "content": "iso", "filename": "x.qcow2"}, 400, "Parameter verification failed.")
	if r.Errors["filename"] != "wrong file extension" {
		t.Fatalf("errors %v", r.Errors)
	}
	c.fails("POST", "/nodes/pve-s1/storage/local-lvm/download-url", map[string]string{"url": "https://example.com/x.iso", "content": "iso", "filename": "x.iso"}, 500, "can't upload to storage type 'lvmthin', not a file based storage!")
	c.fails("POST", "/nodes/pve-s1/storage/nas/download-url", map[string]string{"url": "https://example.com/x.qcow2", "content": "import", "filename": "x.qcow2"}, 500, "storage 'nas' is not configured for content-type 'import'")
	c.okTask("POST", "/nodes/pve-s1/storage/local/download-url", map[string]string{"url": "https://example.com/debian.iso", "content": "iso", "filename": "debian.iso",
		"checksum": strings.Repeat("ab", 32), "checksum-algorithm": "sha256"})
	// The existing file is refused in the worker.
	c.ok("POST", "/nodes/pve-s1/storage/local/download-url", map[string]string{"url": "https://example.com/debian.iso", "content": "iso", "filename": "debian.iso"}, &upid)
	if st := c.task(upid); st != "refusing to override existing file '/var/lib/vz/template/iso/debian.iso'" {
		t.Fatalf("download over an existing file: %q", st)
	}

	// Delete by raw volume id (slash in the path) and by escaped volume id.
	c.okTask("DELETE", "/nodes/pve-s1/storage/local/content/local:iso/debian.iso", nil)
	c.okTask("DELETE", "/nodes/pve-s1/storage/nas/content/"+url.PathEscape("nas:vztmpl/alpine-3.22-default_20250617_amd64.tar.xz"), nil)
	c.fails("DELETE", "/nodes/pve-s1/storage/local/content/local:iso/debian.iso", nil, 500, "volume 'local:iso/debian.iso' does not exist")
	content = nil
	c.ok("GET", "/nodes/pve-s1/storage/nas/content", nil, &content)
	if len(content) != 0 {
		t.Fatalf("nas content after delete %v", content)
	}
	// A guest's disk cannot be deleted as content.
	c.createCT("pve-s1", "100", nil)
	c.fails("DELETE", "/nodes/pve-s1/storage/local-lvm/content/local-lvm:vm-100-disk-0", nil, 500, "volume is used by CT 100")
}

func TestDiskNaming(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	// Ten disks: vm-100-disk-1 must not be taken as used because of vm-100-disk-10.
	p := map[string]string{}
	for i := 0; i < 11; i++ {
		p["mp"+itoa(i)] = "local-lvm:1,mp=/m" + itoa(i)
	}
	c.createCT("pve-s1", "100", p)
	var conf map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["mp10"] != "local-lvm:vm-100-disk-11,mp=/m10,size=1G" || conf["mp0"] != "local-lvm:vm-100-disk-1,mp=/m0,size=1G" {
		t.Fatalf("mp0 %v mp10 %v", conf["mp0"], conf["mp10"])
	}
	// Removing a mount point keeps its volume as unused0; deleting that destroys it.
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"delete": "mp3"}, nil)
	conf = nil
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["unused0"] != "local-lvm:vm-100-disk-4" {
		t.Fatalf("unused0 %v", conf["unused0"])
	}
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"delete": "unused0"}, nil)
	if s.st.findAnyVolume("local-lvm:vm-100-disk-4") != nil {
		t.Fatal("unused volume not destroyed")
	}
	// A new mount point takes the lowest free number.
	c.ok("PUT", "/nodes/pve-s1/lxc/100/config", map[string]string{"mp3": "local-lvm:2,mp=/new"}, nil)
	conf = nil
	c.ok("GET", "/nodes/pve-s1/lxc/100/config", nil, &conf)
	if conf["mp3"] != "local-lvm:vm-100-disk-4,mp=/new,size=2G" {
		t.Fatalf("new mp3 %v", conf["mp3"])
	}
}
