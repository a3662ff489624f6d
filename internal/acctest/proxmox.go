package acctest

import (
	"fmt"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

// ProxmoxEmulator is a Proxmox VE API emulator for one test, with a token
// holding every privilege.
type ProxmoxEmulator struct {
	*proxmox.Server
	TokenID, TokenSecret string
}

// Proxmox starts a new emulator for the test (closed when it ends) with the
// full-privilege token root@pam!acctest. opts adjust the configuration, e.g.
// a shorter task duration or extra tokens.
func Proxmox(t testing.TB, opts ...func(*proxmox.Config)) *ProxmoxEmulator {
	t.Helper()
	SkipUnlessAcc(t)
	const tokenID, secret = "root@pam!acctest", "5f0c1a3e-acc7-4e57-9d2b-acc7e57acc7e"
	cfg := proxmox.Config{Tokens: []proxmox.Token{{ID: tokenID, Secret: secret}}}
	for _, o := range opts {
		o(&cfg)
	}
	s, err := proxmox.Start(cfg)
	if err != nil {
		t.Fatalf("starting proxmox emulator: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return &ProxmoxEmulator{Server: s, TokenID: tokenID, TokenSecret: secret}
}

// Block is the provider's proxmox block using the API token.
func (e *ProxmoxEmulator) Block() string {
	return fmt.Sprintf("  proxmox {\n    endpoint = %q\n    api_token = %q\n    ca_certificate = %q\n  }",
		e.URL(), e.TokenID+"="+e.TokenSecret, string(e.CACertPEM()))
}

// PasswordBlock is the provider's proxmox block logging in as root@pam.
func (e *ProxmoxEmulator) PasswordBlock() string {
	return fmt.Sprintf("  proxmox {\n    endpoint = %q\n    username = %q\n    password = %q\n    ca_certificate = %q\n  }",
		e.URL(), "root@pam", e.RootPassword(), string(e.CACertPEM()))
}
