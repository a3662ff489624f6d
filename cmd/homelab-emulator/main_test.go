package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	routeros "github.com/go-routeros/routeros/v3"
)

// The command is what users' CI runs, so it is tested as a binary: started
// with flags, used through its printed address, stopped by SIGTERM.

func buildCommand(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "homelab-emulator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// start runs the command and returns the first submatch of want in its output.
func start(t *testing.T, bin string, want *regexp.Regexp, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := cmd.Wait(); err != nil {
			t.Errorf("after SIGTERM: %v", err)
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := want.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case s := <-found:
		return s
	case <-time.After(30 * time.Second):
		t.Fatalf("%v: no line matching %s", args, want)
		return ""
	}
}

func TestRouterOSSubcommand(t *testing.T) {
	bin := buildCommand(t)
	seed := filepath.Join(t.TempDir(), "export.rsc")
	if err := os.WriteFile(seed, []byte("/system identity\nset name=seeded-router\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := start(t, bin, regexp.MustCompile(`api listening on (\S+)`),
		"routeros", "--listen", "127.0.0.1:0", "--user", "admin=secret", "--seed", seed)

	c, err := routeros.Dial(addr, "admin", "secret")
	if err != nil {
		t.Fatalf("login with --user credentials: %v", err)
	}
	defer c.Close()
	reply, err := c.Run("/system/identity/print")
	if err != nil {
		t.Fatal(err)
	}
	if got := reply.Re[0].Map["name"]; got != "seeded-router" {
		t.Errorf("identity %q: the --seed export was not loaded", got)
	}
	if _, err := routeros.Dial(addr, "admin", "wrong"); err == nil {
		t.Error("a wrong password was accepted")
	}
}

func TestProxmoxSubcommand(t *testing.T) {
	bin := buildCommand(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	url := start(t, bin, regexp.MustCompile(`listening on (https://\S+)/api2/json`),
		"proxmox", "--listen", "127.0.0.1:0", "--token", "root@pam!ci=s3cret", "--ca-out", caFile)

	pem, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatalf("--ca-out: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatal("--ca-out wrote no certificate")
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	get := func(token string) int {
		req, _ := http.NewRequest(http.MethodGet, url+"/api2/json/nodes", nil)
		req.Header.Set("Authorization", "PVEAPIToken="+token)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET /nodes, verifying TLS with the --ca-out CA: %v", err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("root@pam!ci=s3cret"); code != http.StatusOK {
		t.Errorf("GET /nodes with the --token token: HTTP %d", code)
	}
	if code := get("root@pam!ci=wrong"); code != http.StatusUnauthorized {
		t.Errorf("GET /nodes with a wrong secret: HTTP %d, want 401", code)
	}
}

func TestUnknownSubcommand(t *testing.T) {
	bin := buildCommand(t)
	out, err := exec.Command(bin, "mikrotik").CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 2 {
		t.Fatalf("exit %v, want 2", err)
	}
	if !strings.Contains(string(out), `unknown emulator "mikrotik"`) || !strings.Contains(string(out), "routeros") {
		t.Errorf("usage not shown:\n%s", out)
	}
}

// skippingExport loads one line and skips one, with a secret on it.
const skippingExport = "/system identity\nset name=seeded-router\n/ppp secret\nadd name=vpn password=hunter2\n"

func TestRouterOSSeedReport(t *testing.T) {
	bin := buildCommand(t)
	seed := filepath.Join(t.TempDir(), "export.rsc")
	if err := os.WriteFile(seed, []byte(skippingExport), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "routeros", "--listen", "127.0.0.1:0", "--seed", seed)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || !strings.Contains(sc.Text(), "api listening on") {
		t.Errorf("first stdout line %q, want where it listens", sc.Text())
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_, _ = io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v", err)
	}
	want := "routeros: seed " + seed + ": loaded 1 line, skipped 1:\n" +
		"  line 4 /ppp secret add name=vpn password=***: menu /ppp/secret is not modelled\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
}

func TestRouterOSSeedStrict(t *testing.T) {
	bin := buildCommand(t)
	seed := filepath.Join(t.TempDir(), "export.rsc")
	if err := os.WriteFile(seed, []byte(skippingExport), 0o600); err != nil {
		t.Fatal(err)
	}
	// A timeout, so that an emulator that starts anyway does not hang the test.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "routeros", "--listen", "127.0.0.1:0", "--seed", seed, "--strict").CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit %v, want 1\n%s", err, out)
	}
	want := "homelab-emulator routeros: seed " + seed + ": line 4: /ppp/secret: menu /ppp/secret is not modelled\n"
	if string(out) != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
}
