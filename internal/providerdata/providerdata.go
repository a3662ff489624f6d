// Package providerdata carries the provider's resolved settings to resources and
// builds each system's client lazily, on first use, so a configuration that only
// touches RouterOS never needs Proxmox or Vault credentials.
package providerdata

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// RouterOSSettings are the resolved `routeros` block and ROUTEROS_* variables.
type RouterOSSettings struct {
	URL           string // api://host[:8728] or apis://host[:8729]
	Username      string
	Password      string
	CACertificate string // PEM, or a path to a PEM file
	Insecure      bool
	Timeout       time.Duration
}

// ProxmoxSettings are the resolved `proxmox` block and PROXMOX_VE_* variables.
type ProxmoxSettings struct {
	Endpoint string // https://host:8006
	APIToken string // user@realm!name=secret
	Username string
	Password string
	// CACertificate is PEM, or a path to a PEM file, of the CA that signed the
	// PVE certificate (PVE's own cluster CA, /etc/pve/pve-root-ca.pem).
	CACertificate string
	Insecure      bool
	Timeout       time.Duration
}

// VaultSettings are the resolved `vault` block and VAULT_* variables.
type VaultSettings struct {
	Address       string
	Token         string
	CACert        string // PEM, or a path to a PEM file
	SkipTLSVerify bool
}

// Data is what the provider hands to every resource and data source.
// A nil settings pointer means that system is not configured.
type Data struct {
	RouterOS *RouterOSSettings
	Proxmox  *ProxmoxSettings
	Vault    *VaultSettings

	mu      sync.Mutex
	clients map[string]*clientEntry
}

// clientEntry is one system's client: built once, by the first caller, while
// later callers of the same key wait for that build (and only for it).
type clientEntry struct {
	ready   chan struct{} // closed when the build finished
	client  any
	err     error
	waiting int // callers waiting for the build (tests watch it)
}

// Block names and the environment variables that can stand in for them, used
// in "not configured" errors so the user knows both ways to fix it.
var (
	RouterOSEnv = []string{"ROUTEROS_URL", "ROUTEROS_USERNAME", "ROUTEROS_PASSWORD", "ROUTEROS_CA_CERTIFICATE", "ROUTEROS_INSECURE"}
	ProxmoxEnv  = []string{"PROXMOX_VE_ENDPOINT", "PROXMOX_VE_API_TOKEN", "PROXMOX_VE_USERNAME", "PROXMOX_VE_PASSWORD", "PROXMOX_VE_CA_CERTIFICATE", "PROXMOX_VE_INSECURE"}
	VaultEnv    = []string{"VAULT_ADDR", "VAULT_TOKEN", "VAULT_CACERT", "VAULT_SKIP_VERIFY"}
)

// NotConfigured is the error a resource reports when its provider block is missing.
func NotConfigured(block string, env []string) error {
	return fmt.Errorf("the provider's %q block is not configured: add `%s { ... }` to the homelab provider "+
		"configuration, or set the environment variables %s", block, block, strings.Join(env, ", "))
}

// Client returns the client cached under key, building it with build on first
// use. Each key is built on its own: a slow build (a Proxmox login) never
// holds up another system's client. Callers of the same key that arrive while
// it is being built wait for that one build and share its result, a failure
// included (twenty resources do not make twenty logins with a wrong
// password). A failed build is not cached: a call after it builds again.
func (d *Data) Client(key string, build func() (any, error)) (any, error) {
	d.mu.Lock()
	e := d.clients[key]
	if e != nil {
		e.waiting++
		d.mu.Unlock()
		<-e.ready
		return e.client, e.err
	}
	e = &clientEntry{ready: make(chan struct{})}
	if d.clients == nil {
		d.clients = map[string]*clientEntry{}
	}
	d.clients[key] = e
	d.mu.Unlock()
	d.build(key, e, build)
	return e.client, e.err
}

// ClientOf is Client for one system's client type, so that the type
// assertion is made here once instead of at every call site.
func ClientOf[T any](d *Data, key string, build func() (T, error)) (T, error) {
	c, err := d.Client(key, func() (any, error) {
		c, err := build()
		return c, err
	})
	if err != nil {
		var none T
		return none, err
	}
	return c.(T), nil
}

// build runs one build for e and publishes its result; a failure (or a panic)
// removes e so that the next call builds again.
func (d *Data) build(key string, e *clientEntry, build func() (any, error)) {
	finished := false
	defer func() {
		if !finished {
			e.err = fmt.Errorf("building the %s client panicked", key)
		}
		if e.err != nil {
			d.mu.Lock()
			if d.clients[key] == e {
				delete(d.clients, key)
			}
			d.mu.Unlock()
		}
		close(e.ready)
	}()
	e.client, e.err = build()
	finished = true
}

// FromConfigure extracts *Data from a resource's or data source's Configure
// request. It returns nil without error while the provider is not yet
// configured (the framework calls Configure early during validation).
func FromConfigure(providerData any, diags *diag.Diagnostics) *Data {
	if providerData == nil {
		return nil
	}
	d, ok := providerData.(*Data)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerdata.Data, got %T. This is a bug in the provider.", providerData))
		return nil
	}
	return d
}
