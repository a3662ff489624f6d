package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

// show guests lists the cluster's guests by node; show certs a chain's
// subjects (here the emulator's CA).
func TestShowGuestsAndCerts(t *testing.T) {
	pve, err := proxmox.Start(proxmox.Config{Tokens: []proxmox.Token{{ID: "root@pam!show", Secret: "s"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer pve.Close()
	for _, g := range []struct{ node, vmid, name string }{{"pve-s2", "301", "b"}, {"pve-s1", "302", "a"}} {
		if _, err := pve.Call("POST", "/nodes/"+g.node+"/lxc", map[string]string{"vmid": g.vmid, "hostname": g.name,
			"ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "rootfs": "local-lvm:1"}); err != nil {
			t.Fatal(err)
		}
	}
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pve.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PROXMOX_VE_ENDPOINT", pve.URL())
	t.Setenv("PROXMOX_VE_API_TOKEN", "root@pam!show=s")
	t.Setenv("PROXMOX_VE_CA_CERTIFICATE", ca)
	var out strings.Builder
	if err := showGuests(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	want := "pve-s1 (1 guest)\n  302    CT  a                        stopped\npve-s2 (1 guest)\n  301    CT  b                        stopped\n"
	if out.String() != want {
		t.Errorf("show guests:\n%s\nwant:\n%s", out.String(), want)
	}
	out.Reset()
	twice := append(pve.CACertPEM(), pve.CACertPEM()...)
	if err := showCerts(twice, &out); err != nil || !strings.HasPrefix(out.String(), "1. ") || !strings.Contains(out.String(), "issued by") ||
		strings.Contains(out.String(), "2. ") {
		t.Errorf("show certs: %q %v", out.String(), err)
	}
	if err := showCerts([]byte("nothing"), &out); err == nil {
		t.Error("no error for a file without certificates")
	}
}
