package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

// `snapshot proxmox` reads a cluster (an emulator standing in for it) with
// the provider's variables, by token or by password; `proxmox --state`
// loads the file with the same VMIDs; the file holds no secret.
func TestSnapshotProxmox(t *testing.T) {
	const secret = "c1d2e3f4-snap-4000-8000-000000000001"
	real, err := proxmox.Start(proxmox.Config{Tokens: []proxmox.Token{{ID: "root@pam!snap", Secret: secret}}, RootPassword: "root-Secret-3"})
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	if _, err := real.Call("POST", "/nodes/pve-s2/lxc", map[string]string{"vmid": "4242", "hostname": "kept",
		"ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "rootfs": "local-lvm:1"}); err != nil {
		t.Fatal(err)
	}
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, real.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PROXMOX_VE_ENDPOINT", real.URL())
	t.Setenv("PROXMOX_VE_CA_CERTIFICATE", ca)
	for _, auth := range []map[string]string{
		{"PROXMOX_VE_API_TOKEN": "root@pam!snap=" + secret},
		{"PROXMOX_VE_USERNAME": "root@pam", "PROXMOX_VE_PASSWORD": "root-Secret-3"},
	} {
		for _, k := range []string{"PROXMOX_VE_API_TOKEN", "PROXMOX_VE_USERNAME", "PROXMOX_VE_PASSWORD"} {
			t.Setenv(k, auth[k])
		}
		file := filepath.Join(t.TempDir(), "pve.json")
		if code := run([]string{"snapshot", "proxmox", "--out", file}); code != 0 {
			t.Fatalf("snapshot exit %d", code)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), secret) || strings.Contains(string(b), "root-Secret-3") {
			t.Fatal("the snapshot holds a secret")
		}
		var head struct{ Format, Note string }
		_ = json.Unmarshal(b, &head)
		if head.Format != proxmox.SnapshotFormat || !strings.Contains(head.Note, "no secrets") {
			t.Errorf("format %q note %q", head.Format, head.Note)
		}
		twin, err := proxmox.Start(proxmox.Config{StateFile: file})
		if err != nil {
			t.Fatal(err)
		}
		got, err := twin.Call("GET", "/nodes/pve-s2/lxc/4242/config", nil)
		twin.Close()
		if err != nil || !strings.Contains(string(got), `"hostname":"kept"`) {
			t.Errorf("twin's CT 4242: %s %v", got, err)
		}
	}
}

func TestSnapshotProxmoxNeedsEndpoint(t *testing.T) {
	t.Setenv("PROXMOX_VE_ENDPOINT", "")
	if code := run([]string{"snapshot", "proxmox", "--out", filepath.Join(t.TempDir(), "x.json")}); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
}
