package routeros_test

import (
	"fmt"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// flakyProxy forwards connections to the router, except that it can be told
// to refuse the next n of them: a link that flaps while the client reconnects.
type flakyProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	refuse int
}

func startFlakyProxy(t *testing.T, target string) *flakyProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &flakyProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go p.serve()
	return p
}

func (p *flakyProxy) refuseNext(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.refuse = n
}

func (p *flakyProxy) serve() {
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		refused := p.refuse > 0
		if refused {
			p.refuse--
		}
		p.mu.Unlock()
		if refused {
			in.Close()
			continue
		}
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			in.Close()
			continue
		}
		go func() { io.Copy(out, in); out.Close() }()
		go func() { io.Copy(in, out); in.Close() }()
	}
}

// The router executes an add but the reply is lost, and the link keeps failing
// while the provider reads the menu back: it must not add the row again before
// it has seen the menu. A blind second add either duplicates the row (menus
// without a uniqueness rule) or fails with "entry already exists", leaving the
// created row outside the state.
func TestAccFaultLookupAfterDroppedAddFails(t *testing.T) {
	e := acctest.RouterOS(t)
	p := startFlakyProxy(t, e.Addr())
	provider := acctest.ProviderConfig(fmt.Sprintf("  routeros {\n    url      = %q\n    username = %q\n    password = %q\n  }",
		"api://"+p.ln.Addr().String(), e.Username, e.Password))
	identity := `
resource "homelab_routeros_system_identity" "this" {
  name = "router"
}
`
	record := `
resource "homelab_routeros_ip_dns_record" "vault" {
  name    = "vault.rachuna-net.pl"
  address = "10.10.20.10"
}
`
	oneRecord := func(*terraform.State) error {
		rows, err := e.Run("/ip/dns/static/print", "?name=vault.rachuna-net.pl")
		if err != nil {
			return err
		}
		if len(rows) != 1 {
			return fmt.Errorf("%d DNS records named vault.rachuna-net.pl on the router, want 1: %v", len(rows), rows)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Connect through the proxy first, so the add runs on a live connection.
			{Config: provider + identity},
			{
				PreConfig: func() {
					e.DropOn("/ip/dns/static/add", true)
					// Every read-back attempt of the first lookup round reconnects and is refused.
					p.refuseNext(3)
				},
				Config: provider + identity + record,
				Check:  oneRecord,
			},
			{Config: provider + identity + record, PlanOnly: true},
		},
	})
}
