package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

const (
	ctTemplate = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"
	ctPassword = "ct-root-pass-1"
	ciPassword = "s3cret-ci-pass"
	sshKey     = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHomelabTestKeyNotReal0000000000000000000 admin@lab"
)

// pveLab seeds the emulator with a cluster set up by hand (API calls as
// the PVE UI makes them): ten guests, containers and VMs with several
// disks, mount points, NICs on VLANs, cloud-init and pools, and two
// templates. It returns the emulator and the guests' VMIDs.
func pveLab(t *testing.T) *acctest.ProxmoxEmulator {
	t.Helper()
	e := acctest.Proxmox(t)
	e.SetBridges("pve-s1", "vmbr0", "vms-internal")
	e.SetBridges("pve-s2", "vmbr0", "vms-dmz")
	e.SetBridges("pve-s3", "vmbr0")
	call := func(method, path string, p map[string]string) {
		t.Helper()
		raw, err := e.Call(method, path, p)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		waitTask(t, e, raw)
	}
	call("POST", "/pools", map[string]string{"poolid": "infra", "comment": "DNS, DHCP and monitoring"})
	call("POST", "/pools", map[string]string{"poolid": "apps"})
	ct := func(node string, p map[string]string, start bool) {
		p["ostemplate"] = ctTemplate
		call("POST", "/nodes/"+node+"/lxc", p)
		if start {
			call("POST", "/nodes/"+node+"/lxc/"+p["vmid"]+"/status/start", nil)
		}
	}
	vm := func(node string, p map[string]string, start bool) {
		call("POST", "/nodes/"+node+"/qemu", p)
		if start {
			call("POST", "/nodes/"+node+"/qemu/"+p["vmid"]+"/status/start", nil)
		}
	}
	ct("pve-s1", map[string]string{"vmid": "1001", "hostname": "dns-1", "rootfs": "local-lvm:4", "unprivileged": "1",
		"cores": "1", "memory": "256", "swap": "0", "password": ctPassword, "ssh-public-keys": sshKey,
		"net0": "name=eth0,bridge=vmbr0,tag=10,ip=10.10.10.53/24,gw=10.10.10.1", "nameserver": "1.1.1.1 9.9.9.9",
		"searchdomain": "lab.example", "onboot": "1", "startup": "order=1,up=30", "tags": "infra;dns", "pool": "infra"}, true)
	ct("pve-s1", map[string]string{"vmid": "1002", "hostname": "nas-cache", "unprivileged": "0", "features": "nesting=1,mount=nfs;cifs",
		"rootfs": "local-lvm:8", "mp0": "local-lvm:16,mp=/cache,backup=1", "mp1": "/mnt/nas/media,mp=/media,ro=1",
		"net0": "name=eth0,bridge=vms-internal,ip=dhcp", "net1": "name=eth1,bridge=vmbr0,tag=20,ip=manual,firewall=1,mtu=9000",
		"description": "NAS cache\nfor the media library"}, false)
	ct("pve-s2", map[string]string{"vmid": "1003", "hostname": "monitoring", "cpulimit": "1.5", "cores": "2", "memory": "2048",
		"rootfs": "nas:20", "net0": "name=eth0,bridge=vms-dmz,tag=30,ip=10.10.30.5/24,gw=10.10.30.1,ip6=auto",
		"tags": "monitoring", "pool": "apps"}, true)
	ct("pve-s3", map[string]string{"vmid": "1004", "rootfs": "local-lvm:2"}, false)
	ct("pve-s1", map[string]string{"vmid": "1900", "hostname": "debian-base", "rootfs": "local-lvm:2"}, false)
	call("POST", "/nodes/pve-s1/lxc/1900/template", nil)

	vm("pve-s1", map[string]string{"vmid": "2001", "name": "haproxy-1", "cores": "2", "memory": "2048", "cpu": "host",
		"scsihw": "virtio-scsi-single", "scsi0": "local-lvm:16", "scsi1": "nas:100",
		"net0": "virtio,bridge=vmbr0,tag=30", "net1": "e1000,bridge=vms-internal,firewall=1",
		"ide2": "local-lvm:cloudinit", "ciuser": "ubuntu", "cipassword": ciPassword, "sshkeys": ciEscape(sshKey + "\n"),
		"ipconfig0": "ip=10.10.30.10/24,gw=10.10.30.1", "ipconfig1": "ip=dhcp", "nameserver": "10.10.10.53",
		"searchdomain": "lab.example", "agent": "1", "boot": "order=scsi0;net0", "onboot": "1", "tags": "web;lb", "pool": "apps"}, true)
	vm("pve-s2", map[string]string{"vmid": "2002", "name": "db-1", "sockets": "2", "memory": "4096",
		"virtio0": "local-lvm:32", "virtio1": "local-lvm:64", "net0": "virtio,bridge=vmbr0,tag=40,firewall=1",
		"description": "PostgreSQL"}, false)
	vm("pve-s3", map[string]string{"vmid": "2003", "name": "win-1", "ostype": "win11", "cpu": "x86-64-v2-AES,flags=+aes",
		"scsi0": "local-lvm:64", "sata0": "nas:10", "ide0": "none,media=cdrom", "efidisk0": "local-lvm:1,efitype=4m",
		"net0": "e1000,bridge=vmbr0"}, true)
	vm("pve-s1", map[string]string{"vmid": "2004", "name": "k8s-1", "memory": "8192", "scsi0": "local-lvm:32",
		"net0": "virtio,bridge=vmbr0,tag=50", "net1": "virtio,bridge=vms-internal", "ide2": "nas:cloudinit",
		"ipconfig1": "ip=10.20.0.11/24", "tags": "k8s", "pool": "apps"}, true)
	vm("pve-s2", map[string]string{"vmid": "2005", "name": "k8s-2", "scsi0": "local-lvm:32", "net0": "virtio,bridge=vmbr0",
		"description": "worker"}, false)
	vm("pve-s3", map[string]string{"vmid": "2006", "name": "gw-1", "scsi0": "local-lvm:8", "net0": "vmxnet3,bridge=vmbr0,tag=10",
		"net1": "rtl8139,bridge=vmbr0,tag=20", "net2": "virtio,bridge=vmbr0,tag=30"}, true)
	vm("pve-s1", map[string]string{"vmid": "9000", "name": "ubuntu-2404-cloud", "scsi0": "local-lvm:8", "net0": "virtio,bridge=vmbr0",
		"ide2": "local-lvm:cloudinit"}, false)
	call("POST", "/nodes/pve-s1/qemu/9000/template", nil)
	return e
}

// ciEscape URL-encodes cloud-init ssh keys as PVE's API takes them.
func ciEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
		}
	}
	return b.String()
}

// waitTask waits for the task whose UPID a Call returned.
func waitTask(t *testing.T, e *acctest.ProxmoxEmulator, raw json.RawMessage) {
	t.Helper()
	var upid string
	if json.Unmarshal(raw, &upid) != nil || !strings.HasPrefix(upid, "UPID:") {
		return
	}
	node := strings.SplitN(upid, ":", 3)[1]
	for range 400 {
		st, err := e.Call("GET", "/nodes/"+node+"/tasks/"+upid+"/status", nil)
		if err != nil {
			t.Fatalf("task %s: %v", upid, err)
		}
		var m map[string]any
		_ = json.Unmarshal(st, &m)
		if m["status"] == "stopped" {
			if m["exitstatus"] != "OK" {
				t.Fatalf("task %s failed: %v", upid, m["exitstatus"])
			}
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("task %s did not finish", upid)
}

func pveEnv(e *acctest.ProxmoxEmulator) func(string) string {
	env := map[string]string{"PROXMOX_VE_ENDPOINT": e.URL(), "PROXMOX_VE_API_TOKEN": e.TokenID + "=" + e.TokenSecret,
		"PROXMOX_VE_CA_CERTIFICATE": string(e.CACertPEM())}
	return func(k string) string { return env[k] }
}

func pveVars(e *acctest.ProxmoxEmulator) map[string]string {
	return map[string]string{"proxmox_endpoint": e.URL(), "proxmox_api_token": e.TokenID + "=" + e.TokenSecret,
		"proxmox_ca_certificate": string(e.CACertPEM())}
}

func TestAccImportProxmox(t *testing.T) {
	e := pveLab(t)
	dir := t.TempDir()
	e.ResetCounters()
	mustImport(t, pveEnv(e), "--proxmox", "--out", dir)
	// One listing of the cluster and one of the pools, then one config
	// read per guest that is imported.
	reads := e.Counters()
	if n := reads["GET /cluster/resources"]; n != 1 {
		t.Errorf("%d listings of /cluster/resources, want 1 (%v)", n, reads)
	}
	total := 0
	for _, n := range reads {
		total += n
	}
	if total != 12 {
		t.Errorf("%d requests, want 12: two listings and ten config reads (%v)", total, reads)
	}
	checkNoSecrets(t, dir, e.TokenSecret, ctPassword, ciPassword, "**********")

	tf := readFile(t, filepath.Join(dir, "proxmox-guests.tf"))
	flat := strings.Join(strings.Fields(tf), " ")
	if n := strings.Count(tf, "resource \""); n != 12 {
		t.Errorf("%d resources in proxmox-guests.tf, want 12 (two pools, ten guests):\n%s", n, tf)
	}
	for _, want := range []string{
		`resource "homelab_proxmox_lxc" "dns_1"`, `resource "homelab_proxmox_vm" "haproxy_1"`,
		`unprivileged = false`, `mount = ["cifs", "nfs"]`, `volume = "/mnt/nas/media"`, `cpulimit = 1.5`,
		`ip_config = [ {}, { ip = "10.20.0.11/24" }, ]`, `model = "vmxnet3"`, `tag = 30`, `started = false`,
		`ssh_keys = "` + sshKey + `"`, `pool = homelab_proxmox_pool.apps.pool_id`, `pool_id = "infra" comment = "DNS, DHCP and monitoring"`,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("proxmox-guests.tf lacks %q:\n%s", want, tf)
		}
	}
	for _, no := range []string{"ostemplate", "password", "clone", "vmid = 9000", "vmid = 1900"} {
		if strings.Contains(flat, no) {
			t.Errorf("proxmox-guests.tf holds %q:\n%s", no, tf)
		}
	}
	rep := readFile(t, filepath.Join(dir, "IMPORT-REPORT.md"))
	for _, want := range []string{"`VM 9000 ubuntu-2404-cloud`", "`CT 1900 debian-base`", "a template (template: 1)",
		"| `/storage` | `nas` |", "`efidisk0`", "`cpu.flags`", "`cipassword`",
		"pve_pve_s1[/\"pve-s1\"/]", "-->|\"net0 VLAN 30\"|"} {
		if !strings.Contains(rep, want) {
			t.Errorf("IMPORT-REPORT.md lacks %q:\n%s", want, rep)
		}
	}
	checkImportCycle(t, dir, pveVars(e))
}

func TestAccImportProxmoxDeterministic(t *testing.T) {
	e := pveLab(t)
	a, b := t.TempDir(), t.TempDir()
	mustImport(t, pveEnv(e), "--proxmox", "--out", a)
	mustImport(t, pveEnv(e), "--out", b)
	checkSameFiles(t, a, b)
}

func TestAccImportProxmoxBadInput(t *testing.T) {
	e := acctest.Proxmox(t)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	ca := string(e.CACertPEM())
	for _, c := range []struct {
		name string
		env  func(string) string
		code int
		want []string
	}{
		{"wrong token", env(map[string]string{"PROXMOX_VE_ENDPOINT": e.URL(), "PROXMOX_VE_API_TOKEN": e.TokenID + "=not-the-secret",
			"PROXMOX_VE_CA_CERTIFICATE": ca}), exitFailed, []string{"/cluster/resources"}},
		{"wrong password", env(map[string]string{"PROXMOX_VE_ENDPOINT": e.URL(), "PROXMOX_VE_USERNAME": "root@pam",
			"PROXMOX_VE_PASSWORD": "not-the-secret", "PROXMOX_VE_CA_CERTIFICATE": ca}), exitFailed, []string{"root@pam"}},
		{"untrusted certificate", env(map[string]string{"PROXMOX_VE_ENDPOINT": e.URL(), "PROXMOX_VE_API_TOKEN": e.TokenID + "=" + e.TokenSecret}),
			exitFailed, []string{"certificate"}},
		{"no credentials", env(map[string]string{"PROXMOX_VE_ENDPOINT": e.URL()}), exitUsage, []string{"PROXMOX_VE_API_TOKEN"}},
		{"token and password", env(map[string]string{"PROXMOX_VE_ENDPOINT": e.URL(), "PROXMOX_VE_API_TOKEN": "a@pam!b=c",
			"PROXMOX_VE_PASSWORD": "x", "PROXMOX_VE_USERNAME": "root@pam"}), exitUsage, []string{"one of them"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out := importer(t, c.env, "--proxmox", "--out", t.TempDir())
			if code != c.code {
				t.Errorf("exit %d, want %d:\n%s", code, c.code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "not-the-secret") {
				t.Errorf("a secret is in the message:\n%s", out)
			}
		})
	}
}
