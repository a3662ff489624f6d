package providerdata

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestClientBuildsOnceAndRetriesFailures(t *testing.T) {
	var d Data
	builds := 0
	failing := func() (any, error) { builds++; return nil, errors.New("refused") }
	if _, err := d.Client("x", failing); err == nil {
		t.Fatal("want the build error")
	}
	ok := func() (any, error) { builds++; return "client", nil }
	for range 3 {
		c, err := d.Client("x", ok)
		if err != nil || c != "client" {
			t.Fatalf("got %v, %v", c, err)
		}
	}
	if builds != 2 {
		t.Fatalf("a failed build must not be cached and a good one built once: %d builds", builds)
	}
}

func TestNotConfiguredNamesBlockAndVariables(t *testing.T) {
	msg := NotConfigured("vault", VaultEnv).Error()
	for _, want := range []string{`"vault" block`, "vault { ... }", "VAULT_ADDR", "VAULT_TOKEN"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
}

// A slow build of one system (the Proxmox login) must not hold up the client
// of another: the RouterOS build completes while the Proxmox one is blocked.
func TestClientBuildsSystemsIndependently(t *testing.T) {
	var d Data
	proxmoxStarted, releaseProxmox := make(chan struct{}), make(chan struct{})
	proxmoxDone := make(chan error, 1)
	go func() {
		_, err := d.Client("proxmox", func() (any, error) {
			close(proxmoxStarted)
			<-releaseProxmox
			return "pve", nil
		})
		proxmoxDone <- err
	}()
	<-proxmoxStarted

	routerosDone := make(chan any, 1)
	go func() {
		c, _ := d.Client("routeros", func() (any, error) { return "ros", nil })
		routerosDone <- c
	}()
	select {
	case c := <-routerosDone:
		if c != "ros" {
			t.Fatalf("routeros client %v", c)
		}
	case <-time.After(10 * time.Second):
		close(releaseProxmox)
		t.Fatal("the routeros build waited for the proxmox build")
	}
	close(releaseProxmox)
	if err := <-proxmoxDone; err != nil {
		t.Fatal(err)
	}
}

// Callers of the same key that arrive during its build wait for that one
// build and share its result, a failure included; a later call builds again.
func TestClientConcurrentCallersShareOneBuild(t *testing.T) {
	var d Data
	var mu sync.Mutex
	builds := 0
	started, release := make(chan struct{}), make(chan struct{})
	build := func() (any, error) {
		mu.Lock()
		builds++
		mu.Unlock()
		close(started)
		<-release
		return nil, errors.New("wrong password")
	}
	errs := make(chan error, 10)
	go func() { _, err := d.Client("proxmox", build); errs <- err }()
	<-started
	// The first build is in progress: these callers find its entry and wait.
	var wg sync.WaitGroup
	for range 9 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := d.Client("proxmox", func() (any, error) { panic("a second build started") })
			errs <- err
		}()
	}
	waitForWaiters(t, &d, "proxmox", 9)
	close(release)
	wg.Wait()
	for range 10 {
		if err := <-errs; err == nil || err.Error() != "wrong password" {
			t.Fatalf("got %v, want the one build's failure", err)
		}
	}
	if builds != 1 {
		t.Fatalf("%d builds for 10 concurrent callers", builds)
	}
	c, err := d.Client("proxmox", func() (any, error) { return "pve", nil })
	if err != nil || c != "pve" {
		t.Fatalf("a failed build was cached: %v, %v", c, err)
	}
}

// waitForWaiters returns once n callers wait for key's build in progress.
func waitForWaiters(t *testing.T, d *Data, key string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		d.mu.Lock()
		e := d.clients[key]
		got := 0
		if e != nil {
			got = e.waiting
		}
		d.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d callers wait for the %s build, want %d", got, key, n)
		}
		runtime.Gosched()
	}
}

func TestClientOfIsTyped(t *testing.T) {
	d := &Data{}
	type fake struct{ n int }
	c, err := ClientOf(d, "x", func() (*fake, error) { return &fake{1}, nil })
	if err != nil || c.n != 1 {
		t.Fatalf("ClientOf = %v, %v", c, err)
	}
	if again, _ := ClientOf(d, "x", func() (*fake, error) { return &fake{2}, nil }); again != c {
		t.Error("the second call built a new client")
	}
	if c, err := ClientOf(d, "y", func() (*fake, error) { return nil, errors.New("down") }); err == nil || c != nil {
		t.Errorf("a failed build gave %v, %v", c, err)
	}
}
