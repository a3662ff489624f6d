package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	rosemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

const exportFile = "testdata/homelab.rsc"

// secrets are the secrets of the test export (WireGuard keys), by the
// variable the configuration asks for each: they must reach no written file.
var secrets = map[string]string{
	"wg_mgmt_private_key":  "bm90LWEtcmVhbC13aXJlZ3VhcmQta2V5LTAxMjM0NTY=",
	"laptop_preshared_key": "bm90LWEtcmVhbC1wcmVzaGFyZWQta2V5LTAxMjM0NTY=",
}

// homelab starts an emulator seeded with the test export.
func homelab(t *testing.T) *acctest.RouterOSEmulator {
	t.Helper()
	script := readFile(t, exportFile)
	return acctest.RouterOS(t, func(c *rosemu.Config) { c.Seed = script })
}

func liveEnv(e *acctest.RouterOSEmulator) func(string) string {
	env := map[string]string{"ROUTEROS_URL": "api://" + e.Addr(), "ROUTEROS_USERNAME": e.Username, "ROUTEROS_PASSWORD": e.Password}
	return func(k string) string { return env[k] }
}

func noEnv(string) string { return "" }

// importer runs the command in-process and returns its exit code and output.
func importer(t *testing.T, getenv func(string) string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code := run(context.Background(), args, getenv, &out, &out)
	return code, out.String()
}

func mustImport(t *testing.T, getenv func(string) string, args ...string) {
	t.Helper()
	if code, out := importer(t, getenv, args...); code != 0 {
		t.Fatalf("homelab-import %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
}

func TestAccImportLiveRouter(t *testing.T) {
	e := homelab(t)
	dir := t.TempDir()
	mustImport(t, liveEnv(e), "--out", dir)
	checkNoSecrets(t, dir, e.Password)
	checkImportCycle(t, dir, routerVars(e))
}

func TestAccImportFromExport(t *testing.T) {
	dir := t.TempDir()
	mustImport(t, noEnv, "--routeros-export", exportFile, "--out", dir)
	checkNoSecrets(t, dir)
	rep := readFile(t, filepath.Join(dir, "IMPORT-REPORT.md"))
	for _, want := range []string{"| 17 | parameter l2mtu of /interface/ethernet is not modelled", "| 250 | menu /system/note is not modelled", "graph LR"} {
		if !strings.Contains(rep, want) {
			t.Errorf("IMPORT-REPORT.md lacks %q", want)
		}
	}
	// The configuration plans clean against the router the export came from.
	checkImportCycle(t, dir, routerVars(homelab(t)))
}

// Two runs on the same router write the same bytes, live and from the export.
func TestAccImportDeterministic(t *testing.T) {
	e := homelab(t)
	for _, args := range [][]string{nil, {"--routeros-export", exportFile}} {
		a, b := t.TempDir(), t.TempDir()
		mustImport(t, liveEnv(e), append(args, "--out", a)...)
		mustImport(t, liveEnv(e), append(args, "--out", b)...)
		files, _ := filepath.Glob(filepath.Join(a, "*"))
		if len(files) < 8 {
			t.Fatalf("only %d files written", len(files))
		}
		for _, f := range files {
			if x, y := readFile(t, f), readFile(t, filepath.Join(b, filepath.Base(f))); x != y {
				t.Errorf("%v: %s differs between two runs", args, filepath.Base(f))
			}
		}
	}
}

func checkNoSecrets(t *testing.T, dir string, extra ...string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		body := readFile(t, f)
		for _, s := range extra {
			if strings.Contains(body, s) {
				t.Errorf("%s holds a secret", filepath.Base(f))
			}
		}
		for v, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("%s holds the secret of variable %s", filepath.Base(f), v)
			}
		}
	}
}

func TestAccImportBadInput(t *testing.T) {
	e := homelab(t)
	// A port nothing listens on.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	bad := t.TempDir()
	for name, script := range map[string]string{
		"broken.rsc": "/ip pool\nadd name=ok ranges=10.0.0.1-10.0.0.9\nadd name=\"unterminated ranges=10.0.1.1\n",
		"badref.rsc": "/ip pool\nadd name=ok ranges=10.0.0.1-10.0.0.9\n/ip address\nadd address=10.0.0.1/24 \\\n    interface=no-such-bridge\n",
	} {
		if err := os.WriteFile(filepath.Join(bad, name), []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	held := t.TempDir()
	os.WriteFile(filepath.Join(held, "main.tf"), []byte("# mine\n"), 0o644)

	for _, c := range []struct {
		name string
		env  func(string) string
		args []string
		code int
		want []string
	}{
		{"unreachable", env(map[string]string{"ROUTEROS_URL": "api://" + closed, "ROUTEROS_USERNAME": "admin", "ROUTEROS_PASSWORD": "x"}),
			[]string{"--out", t.TempDir()}, exitFailed, []string{"cannot connect to api://" + closed, "connection refused"}},
		{"wrong password", env(map[string]string{"ROUTEROS_URL": "api://" + e.Addr(), "ROUTEROS_USERNAME": e.Username, "ROUTEROS_PASSWORD": "wrong"}),
			[]string{"--out", t.TempDir()}, exitFailed, []string{"cannot log in to api://" + e.Addr(), `refused user "admin"`}},
		{"export syntax error", noEnv, []string{"--routeros-export", filepath.Join(bad, "broken.rsc"), "--out", t.TempDir()}, exitFailed,
			[]string{"broken.rsc", "line 3", "unterminated quote"}},
		{"export refers to nothing", noEnv, []string{"--routeros-export", filepath.Join(bad, "badref.rsc"), "--out", t.TempDir()}, exitFailed,
			[]string{"badref.rsc", "line 4", "/ip/address"}},
		{"dir holds .tf", liveEnv(e), []string{"--out", held}, exitFailed, []string{"main.tf", "--force"}},
		{"not configured", noEnv, []string{"--out", t.TempDir()}, exitUsage, []string{"ROUTEROS_URL"}},
		{"proxmox not configured", noEnv, []string{"--proxmox", "--out", t.TempDir()}, exitUsage, []string{"PROXMOX_VE_ENDPOINT"}},
		{"no out", liveEnv(e), nil, exitUsage, []string{"--out DIR is required"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out := importer(t, c.env, c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d:\n%s", code, c.code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "wrong") && c.name == "wrong password" {
				t.Errorf("the password is in the message:\n%s", out)
			}
		})
	}
	// --force writes into the directory and keeps the file written by hand.
	mustImport(t, liveEnv(e), "--out", held, "--force")
	if readFile(t, filepath.Join(held, "main.tf")) != "# mine\n" {
		t.Error("--force changed a file it did not write")
	}
}
