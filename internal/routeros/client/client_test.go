package client

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	rosemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

func start(t *testing.T, tlsOn bool) *rosemu.Server {
	t.Helper()
	s, err := rosemu.Start(rosemu.Config{TLS: tlsOn, Users: map[string]string{"admin": "s3cret"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newClient(t *testing.T, url, ca string, insecure bool) *Client {
	t.Helper()
	c, err := New(Config{URL: url, Username: "admin", Password: "s3cret", CACertificate: ca, Insecure: insecure, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRunAddPrintTrap(t *testing.T) {
	s := start(t, false)
	c := newClient(t, "api://"+s.Addr(), "", false)
	ctx := context.Background()
	id, err := c.Add(ctx, "/interface/vlan", []string{"=name=vlan10", "=vlan-id=10", "=interface=ether2"})
	if err != nil || !strings.HasPrefix(id, "*") {
		t.Fatalf("add: %q %v", id, err)
	}
	row, err := c.Get(ctx, "/interface/vlan", id)
	if err != nil || row["name"] != "vlan10" || row["vlan-id"] != "10" {
		t.Fatalf("get: %v %v", row, err)
	}
	_, err = c.Add(ctx, "/interface/vlan", []string{"=name=vlan11", "=vlan-id=5000", "=interface=ether2"})
	var de *DeviceError
	if !errors.As(err, &de) || !strings.Contains(de.Message, "vlan-id") || de.Command != "/interface/vlan/add" {
		t.Fatalf("want a trap naming vlan-id, got %v", err)
	}
	if err := c.Remove(ctx, "/interface/vlan", id); err != nil {
		t.Fatal(err)
	}
	if err := c.Remove(ctx, "/interface/vlan", id); err != nil {
		t.Fatalf("removing a gone row: %v", err)
	}
}

func TestConcurrentCommandsShareOneConnection(t *testing.T) {
	s := start(t, false)
	c := newClient(t, "api://"+s.Addr(), "", false)
	s.ResetCounters()
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := c.Run(context.Background(), "/interface/print"); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := s.Counters()["/login"]; n > 1 {
		t.Errorf("%d logins for 50 concurrent commands, want one connection", n)
	}
}

func TestTableIsPrintedOncePerRun(t *testing.T) {
	s := start(t, false)
	c := newClient(t, "api://"+s.Addr(), "", false)
	ctx := context.Background()
	s.ResetCounters()
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); c.Table(ctx, "/interface/ethernet") }()
	}
	wg.Wait()
	if n := s.Counters()["/interface/ethernet print"]; n != 1 {
		t.Errorf("20 Table calls printed %d times, want 1", n)
	}
	if err := c.Set(ctx, "/interface/ethernet", "*1", []string{"=comment=x"}); err != nil {
		t.Fatal(err)
	}
	c.Table(ctx, "/interface/ethernet")
	if n := s.Counters()["/interface/ethernet print"]; n != 2 {
		t.Errorf("a write did not invalidate the table: %d prints", n)
	}
}

func TestReconnectAfterDrop(t *testing.T) {
	s := start(t, false)
	c := newClient(t, "api://"+s.Addr(), "", false)
	ctx := context.Background()
	if _, _, err := c.Run(ctx, "/system/identity/print"); err != nil {
		t.Fatal(err)
	}
	s.DropAfter(1)
	if _, _, err := c.Run(ctx, "/system/identity/print"); !IsConnError(err) {
		t.Fatalf("want a connection error, got %v", err)
	}
	if _, _, err := c.Run(ctx, "/system/identity/print"); err != nil {
		t.Fatalf("no reconnect: %v", err)
	}
	s.DropAfter(1)
	if _, _, err := c.RunRetry(ctx, "/system/identity/print"); err != nil {
		t.Fatalf("RunRetry: %v", err)
	}
}

func TestLoginFailureHidesPassword(t *testing.T) {
	s := start(t, false)
	c, _ := New(Config{URL: "api://" + s.Addr(), Username: "admin", Password: "wrong-pw-123", Timeout: 5 * time.Second})
	_, _, err := c.Run(context.Background(), "/system/identity/print")
	if err == nil || strings.Contains(err.Error(), "wrong-pw-123") || !strings.Contains(err.Error(), "admin") {
		t.Fatalf("login error %v", err)
	}
}

func TestTLSVerifiedByDefault(t *testing.T) {
	s := start(t, true)
	ctx := context.Background()
	c := newClient(t, "apis://"+s.TLSAddr(), string(s.CACertPEM()), false)
	if _, _, err := c.Run(ctx, "/system/identity/print"); err != nil {
		t.Fatalf("TLS with the emulator's CA: %v", err)
	}
	other := newClient(t, "apis://"+s.TLSAddr(), otherCA(t), false)
	_, _, err := other.Run(ctx, "/system/identity/print")
	if err == nil || !strings.Contains(err.Error(), "not signed by the CA") {
		t.Fatalf("certificate of another CA accepted or unclear error: %v", err)
	}
	noCA := newClient(t, "apis://"+s.TLSAddr(), "", false)
	if _, _, err := noCA.Run(ctx, "/system/identity/print"); err == nil {
		t.Fatal("self-signed certificate accepted without ca_certificate")
	}
	insecure := newClient(t, "apis://"+s.TLSAddr(), otherCA(t), true)
	if _, _, err := insecure.Run(ctx, "/system/identity/print"); err != nil {
		t.Fatalf("insecure: %v", err)
	}
}

func otherCA(t *testing.T) string {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "other CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestRedact(t *testing.T) {
	secret := func(menu, field string) bool { return menu == "/user" && field == "password" }
	for _, c := range []struct{ in, want []string }{
		{[]string{"/user/add", "=name=tf", "=password=hunter2"}, []string{"/user/add", "=name=tf", "=password=<redacted>"}},
		{[]string{"/user/set", "=.id=*1", "=password=hunter2"}, []string{"/user/set", "=.id=*1", "=password=<redacted>"}},
		{[]string{"/login", "=name=admin", "=password=hunter2"}, []string{"/login", "=name=admin", "=password=<redacted>"}},
		{[]string{"/ip/pool/add", "=name=password", "=comment=password=x"}, []string{"/ip/pool/add", "=name=password", "=comment=password=x"}},
		{[]string{"/interface/print"}, []string{"/interface/print"}},
	} {
		if got := redact(c.in, secret); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
