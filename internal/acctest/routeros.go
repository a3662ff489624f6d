package acctest

import (
	"fmt"
	"testing"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// RouterOSEmulator is a RouterOS API emulator started for one test.
type RouterOSEmulator struct {
	*routeros.Server
	Username, Password string
}

// RouterOS starts a RouterOS emulator (plain API and api-ssl) on loopback
// for this test, closed when the test ends. opts adjust its configuration
// (version, ports, seed, ...). The user is "admin" with a non-empty password.
func RouterOS(t testing.TB, opts ...func(*routeros.Config)) *RouterOSEmulator {
	t.Helper()
	SkipUnlessAcc(t)
	const user, pass = "admin", "acctest-routeros"
	// The provider's client registers a tag before sending its command, so
	// it needs no emulated service time (the emulator's 5ms default is for
	// stock go-routeros async clients); 500µs keeps the suite as fast as
	// before the default was raised. Tests may set their own in opts.
	cfg := routeros.Config{TLS: true, Users: map[string]string{user: pass}, MinServiceTime: 500 * time.Microsecond}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := routeros.Start(cfg)
	if err != nil {
		t.Fatalf("starting RouterOS emulator: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	e := &RouterOSEmulator{Server: srv, Username: user, Password: pass}
	if u := cfg.Users; len(u) == 1 {
		for name, pw := range u {
			e.Username, e.Password = name, pw
		}
	}
	return e
}

// Block is the provider's routeros block for the plain API (api://).
func (e *RouterOSEmulator) Block() string {
	return fmt.Sprintf("  routeros {\n    url      = %q\n    username = %q\n    password = %q\n  }",
		"api://"+e.Addr(), e.Username, e.Password)
}

// TLSBlock is the provider's routeros block for api-ssl (apis://), trusting
// the emulator's CA.
func (e *RouterOSEmulator) TLSBlock() string {
	return fmt.Sprintf("  routeros {\n    url            = %q\n    username       = %q\n    password       = %q\n    ca_certificate = %q\n  }",
		"apis://"+e.TLSAddr(), e.Username, e.Password, string(e.CACertPEM()))
}
