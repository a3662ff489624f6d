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
	clients map[string]any
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
// use. A failed build is not cached, so a later call can succeed.
func (d *Data) Client(key string, build func() (any, error)) (any, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.clients[key]; ok {
		return c, nil
	}
	c, err := build()
	if err != nil {
		return nil, err
	}
	if d.clients == nil {
		d.clients = map[string]any{}
	}
	d.clients[key] = c
	return c, nil
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
