package proxmox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	pveemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

const (
	testTokenID = "root@pam!unit"
	testSecret  = "0b7c2a3e-0000-4e57-9d2b-000000000001"
	testTmpl    = "ubuntu-24.04-standard_24.04-2_amd64.tar.zst"
)

func startEmu(t *testing.T, opts ...func(*pveemu.Config)) *pveemu.Server {
	t.Helper()
	cfg := pveemu.Config{Tokens: []pveemu.Token{{ID: testTokenID, Secret: testSecret}}}
	for _, o := range opts {
		o(&cfg)
	}
	s, err := pveemu.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func tokenClient(t *testing.T, s *pveemu.Server) *Client {
	t.Helper()
	c, err := NewClient(context.Background(), &providerdata.ProxmoxSettings{
		Endpoint: s.URL(), APIToken: testTokenID + "=" + testSecret, CACertificate: string(s.CACertPEM()),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientTLSVerifiedByDefault(t *testing.T) {
	s := startEmu(t)
	c, err := NewClient(context.Background(), &providerdata.ProxmoxSettings{Endpoint: s.URL(), APIToken: testTokenID + "=" + testSecret})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Get(context.Background(), "/version")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("want a certificate verification error without the CA, got %v", err)
	}
}

func TestClientTicketLoginAndRenewal(t *testing.T) {
	s := startEmu(t, func(c *pveemu.Config) { c.TicketLifetime = time.Second; c.RootPassword = "pw-12345" })
	ctx := context.Background()
	if _, err := NewClient(ctx, &providerdata.ProxmoxSettings{Endpoint: s.URL(), Username: "root@pam", Password: "wrong", CACertificate: string(s.CACertPEM())}); err == nil ||
		!strings.Contains(err.Error(), "login as \"root@pam\" failed") {
		t.Fatalf("want a clear login error, got %v", err)
	}
	c, err := NewClient(ctx, &providerdata.ProxmoxSettings{Endpoint: s.URL(), Username: "root@pam", Password: "pw-12345", CACertificate: string(s.CACertPEM())})
	if err != nil {
		t.Fatal(err)
	}
	s.ResetCounters()
	if _, err := c.Get(ctx, "/nodes"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1300 * time.Millisecond) // the ticket expires
	// A POST (CSRF token needed) after expiry: renewed once and replayed.
	if _, err := c.Post(ctx, "/nodes/pve-s1/aplinfo", map[string]any{"storage": "local", "template": testTmpl}); err != nil {
		t.Fatalf("request after ticket expiry: %v", err)
	}
	if n := s.Counters()["POST /access/ticket"]; n != 1 {
		t.Fatalf("want exactly one renewal login, got %d (counters %v)", n, s.Counters())
	}
}

func TestClientTicketProactiveRenewal(t *testing.T) {
	s := startEmu(t, func(c *pveemu.Config) { c.RootPassword = "pw-12345" })
	ctx := context.Background()
	c, err := NewClient(ctx, &providerdata.ProxmoxSettings{Endpoint: s.URL(), Username: "root@pam", Password: "pw-12345", CACertificate: string(s.CACertPEM())})
	if err != nil {
		t.Fatal(err)
	}
	auth := c.tr.auth
	auth.mu.Lock()
	auth.issued = time.Now().Add(-2 * time.Hour)
	auth.mu.Unlock()
	s.ResetCounters()
	if _, err := c.Get(ctx, "/nodes"); err != nil {
		t.Fatal(err)
	}
	if n := s.Counters()["POST /access/ticket"]; n != 1 {
		t.Fatalf("want the old ticket renewed before use, got %d logins", n)
	}
}

func TestClientTaskPollRetriesTransientFailures(t *testing.T) {
	s := startEmu(t, func(c *pveemu.Config) { c.TaskDuration = 200 * time.Millisecond })
	c := tokenClient(t, s)
	ctx := context.Background()
	s.FailNext("GET", "/nodes/pve-s1/tasks/", 2, pveemu.FailHTTP500)
	s.FailNext("GET", "/nodes/pve-s1/tasks/", 1, pveemu.FailReset)
	s.ResetCounters()
	if err := c.PostTask(ctx, "/nodes/pve-s1/aplinfo", map[string]any{"storage": "local", "template": testTmpl}); err != nil {
		t.Fatalf("transient poll failures must be retried: %v", err)
	}
}

func TestClientTaskWaitIsFast(t *testing.T) {
	s := startEmu(t, func(c *pveemu.Config) { c.TaskDuration = 300 * time.Millisecond })
	c := tokenClient(t, s)
	start := time.Now()
	if err := c.PostTask(context.Background(), "/nodes/pve-s1/aplinfo", map[string]any{"storage": "local", "template": testTmpl}); err != nil {
		t.Fatal(err)
	}
	// The library's own loop sleeps a fixed 2 s after a "running" poll.
	if d := time.Since(start); d > time.Second {
		t.Fatalf("a 300 ms task took %s to wait for", d)
	}
}

func TestClientFailedTaskHasExitStatusAndLog(t *testing.T) {
	s := startEmu(t)
	c := tokenClient(t, s)
	ctx := context.Background()
	if err := c.PostTask(ctx, "/nodes/pve-s1/aplinfo", map[string]any{"storage": "local", "template": testTmpl}); err != nil {
		t.Fatal(err)
	}
	if err := c.PostTask(ctx, "/nodes/pve-s1/lxc", map[string]any{"vmid": "1005", "ostemplate": "local:vztmpl/" + testTmpl, "rootfs": "local-lvm:1"}); err != nil {
		t.Fatal(err)
	}
	// qemu-server checks the id inside the worker: the task fails.
	err := c.PostTask(ctx, "/nodes/pve-s1/qemu", map[string]any{"vmid": "1005", "name": "x"})
	var te *TaskError
	if !errors.As(err, &te) {
		t.Fatalf("want a *TaskError, got %T %v", err, err)
	}
	if !strings.Contains(te.ExitStatus, "already exists") || len(te.Log) == 0 || !strings.Contains(err.Error(), "TASK ERROR") {
		t.Fatalf("want exit status and log lines in the error, got %q", err.Error())
	}
}

func TestClientReserveIDNeverRepeats(t *testing.T) {
	s := startEmu(t)
	c := tokenClient(t, s)
	ctx := context.Background()
	var mu sync.Mutex
	seen := map[int]bool{}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := c.reserveID(ctx)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if seen[id] {
				t.Errorf("id %d handed out twice", id)
			}
			seen[id] = true
		}()
	}
	wg.Wait()
}

func TestClientPermissionDeniedMessage(t *testing.T) {
	s := startEmu(t, func(c *pveemu.Config) {
		c.Tokens = []pveemu.Token{{ID: testTokenID, Secret: testSecret, Privileges: []string{"VM.Audit"}}}
	})
	c := tokenClient(t, s)
	_, err := c.Post(context.Background(), "/nodes/pve-s1/lxc", map[string]any{"vmid": "1005", "ostemplate": "local:vztmpl/" + testTmpl})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 403 || !strings.Contains(err.Error(), "lacks a privilege") {
		t.Fatalf("want a 403 with an explanation, got %v", err)
	}
}

func TestSizeHelpers(t *testing.T) {
	for in, want := range map[string]int64{"8G": 8 << 30, "512M": 512 << 20, "1.5T": 3 << 39, "10240M": 10 << 30, "1024K": 1 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	if gib(512<<20) != "0.5" || sizeForResize(10<<30) != "10G" || sizeForResize(1536<<20) != "1536M" {
		t.Error("gib/sizeForResize")
	}
	if got := splitTags("b;a, c"); strings.Join(got, ",") != "a,b,c" {
		t.Errorf("splitTags = %v", got)
	}
	p := parseProps("local-lvm:vm-100-disk-0,size=8G", "volume")
	if p["volume"] != "local-lvm:vm-100-disk-0" || p["size"] != "8G" {
		t.Errorf("parseProps = %v", p)
	}
}

// TestClientLibraryWaitComparison logs how long the library's own wait
// (fixed 2 s sleep after a "running" poll) and ours take for a 1 s task.
func TestClientLibraryWaitComparison(t *testing.T) {
	if testing.Short() {
		t.Skip("timing comparison")
	}
	s := startEmu(t, func(c *pveemu.Config) { c.TaskDuration = time.Second })
	c := tokenClient(t, s)
	ctx := context.Background()
	start := time.Now()
	if _, err := c.api.PostWithTask(ctx, map[string]any{"storage": "local", "template": testTmpl}, "/nodes/pve-s1/aplinfo"); err != nil {
		t.Fatal(err)
	}
	lib := time.Since(start)
	start = time.Now()
	if err := c.PostTask(ctx, "/nodes/pve-s2/aplinfo", map[string]any{"storage": "local", "template": testTmpl}); err != nil {
		t.Fatal(err)
	}
	ours := time.Since(start)
	t.Logf("1 s task: library wait %s, wrapper wait %s", lib.Round(time.Millisecond), ours.Round(time.Millisecond))
	if ours >= lib {
		t.Fatalf("the wrapper's wait (%s) is not faster than the library's (%s)", ours, lib)
	}
}

// TestClientUpdateConfigStaleDigest: a config update carries the digest it
// was computed from; after an out-of-band edit PVE refuses it, the caller
// gets a *ConfigChangedError naming the guest and saying to re-plan, and the
// out-of-band edit is kept. With the current digest the update goes through.
func TestClientUpdateConfigStaleDigest(t *testing.T) {
	s := startEmu(t)
	c := tokenClient(t, s)
	ctx := context.Background()
	if err := c.PostTask(ctx, "/nodes/pve-s1/aplinfo", map[string]any{"storage": "local", "template": testTmpl}); err != nil {
		t.Fatal(err)
	}
	if err := c.PostTask(ctx, "/nodes/pve-s1/lxc", map[string]any{"vmid": "1005", "ostemplate": "local:vztmpl/" + testTmpl, "rootfs": "local-lvm:1", "memory": "512"}); err != nil {
		t.Fatal(err)
	}
	if err := c.PostTask(ctx, "/nodes/pve-s1/qemu", map[string]any{"vmid": "2001", "name": "vm2001", "memory": "1024"}); err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		kind, what, typ string
		vmid            int64
		pveSays         string // pve-container and qemu-server word the refusal differently
	}{
		{"lxc", "container", "homelab_proxmox_lxc", 1005, "detected modified configuration"},
		{"qemu", "VM", "homelab_proxmox_vm", 2001, "checksum missmatch"},
	} {
		t.Run(g.kind, func(t *testing.T) {
			path := fmt.Sprintf("/nodes/pve-s1/%s/%d/config", g.kind, g.vmid)
			cfg, err := c.GetMap(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			digest := str(cfg["digest"])
			if digest == "" {
				t.Fatalf("no digest in %v", cfg)
			}
			// Someone edits the guest in the PVE UI after the plan was made.
			if _, err := c.Put(ctx, path, map[string]any{"memory": "4096"}); err != nil {
				t.Fatal(err)
			}
			err = c.UpdateConfig(ctx, g.kind, "pve-s1", g.vmid, digest, map[string]any{"memory": "2048"})
			var changed *ConfigChangedError
			if !errors.As(err, &changed) {
				t.Fatalf("want a *ConfigChangedError for the stale digest, got %T %v", err, err)
			}
			msg := err.Error()
			for _, want := range []string{
				fmt.Sprintf("%s pve-s1/%d (%s)", g.what, g.vmid, g.typ), "changed outside OpenTofu", "plan", "again",
				g.pveSays,
			} {
				if !strings.Contains(msg, want) {
					t.Errorf("message %q lacks %q", msg, want)
				}
			}
			cfg, err = c.GetMap(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if str(cfg["memory"]) != "4096" {
				t.Fatalf("the out-of-band change was overwritten: memory = %v", cfg["memory"])
			}
			// With the current digest (a fresh plan) the update goes through.
			if err := c.UpdateConfig(ctx, g.kind, "pve-s1", g.vmid, str(cfg["digest"]), map[string]any{"memory": "2048"}); err != nil {
				t.Fatalf("update with the current digest: %v", err)
			}
			cfg, _ = c.GetMap(ctx, path)
			if str(cfg["memory"]) != "2048" {
				t.Fatalf("memory = %v after the update, want 2048", cfg["memory"])
			}
		})
	}
}

// TestRedactSecrets: a password sent as a parameter never survives into the
// error text, whatever error type carries it (task log, PVE message, other).
func TestRedactSecrets(t *testing.T) {
	params := map[string]any{"cipassword": "ci-Secret-77", "password": "ct-Secret-88", "memory": "2048"}
	te := &TaskError{UPID: "UPID:pve-s1:1:2:3:qmconfig:2001:root@pam:", ExitStatus: "update failed",
		Log: []string{"update VM 2001: -cipassword ci-Secret-77 -memory 2048", "TASK ERROR: update failed"}}
	ae := &APIError{Method: "POST", Path: "/nodes/pve-s1/lxc", Status: 500, Message: "bad value 'ct-Secret-88'",
		Errors: map[string]string{"password": "ct-Secret-88 is weak"}}
	for _, err := range []error{te, ae, fmt.Errorf("wrapped: %w", ae), errors.New("echo ci-Secret-77")} {
		got := redactSecrets(err, params).Error()
		if strings.Contains(got, "Secret-") || !strings.Contains(got, "<hidden>") {
			t.Errorf("not redacted: %q", got)
		}
	}
	if got := redactSecrets(te, params); !errors.As(got, new(*TaskError)) {
		t.Errorf("the error type was lost: %T", got)
	}
	if !strings.Contains(te.Error(), "-memory 2048") {
		t.Errorf("redacted too much: %q", te.Error())
	}
}

// TestStaleDigestMessages: both wordings of PVE's digest refusal.
func TestStaleDigestMessages(t *testing.T) {
	for _, m := range []string{
		"detected modified configuration - file changed by other user? Try again.", // PVE::Tools::assert_if_modified (pve-container)
		"checksum missmatch (file change by other user?)",                          // qemu-server update_vm_api
	} {
		if !staleDigest(&APIError{Method: "PUT", Path: "/x", Status: 500, Message: m}) {
			t.Errorf("%q not recognised as a stale digest", m)
		}
	}
	if staleDigest(&APIError{Status: 500, Message: "CT is locked (disk)"}) || staleDigest(nil) {
		t.Error("false positive")
	}
}
