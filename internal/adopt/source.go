// Package adopt turns a running system read by a Source into configuration:
// resource blocks holding only non-default values, import blocks, sensitive
// variables for every secret, and IMPORT-REPORT.md with what was left out
// and a diagram of the network. It knows nothing of RouterOS, Proxmox or
// Vault: each system is a Source (internal/adopt/routerosimport, ...).
package adopt

import "context"

// Source reads one system (a router, a cluster, a Vault) into blocks.
type Source interface {
	// Name names the system in messages and the report, e.g. "RouterOS".
	Name() string
	// Read reads the whole system. It fails only when the system cannot be
	// read; what it cannot express goes into Result.Unexpressed.
	Read(ctx context.Context) (*Result, error)
}

// Result is what a Source read.
type Result struct {
	System string // "RouterOS", for the report
	// Origin says where it was read from, without secrets or anything that
	// changes between runs ("live router", "export router.rsc").
	Origin string
	// Provider is the source's block of the provider configuration
	// (`routeros { url = var.routeros_url ... }`), Variables its variables.
	Provider  *Block
	Variables []Variable
	// Resources in the order they are written (a source orders them
	// deterministically: by type, then as the system lists them).
	Resources []*Resource
	// Skipped: objects and fields on the system that were not imported and why.
	Skipped []Skipped
	// Unexpressed: what the generated configuration cannot express: unless
	// the user allows a partial import, nothing is written.
	Unexpressed []Skipped
	Graph       Graph
}

// Resource is one resource block and the import block that adopts it.
type Resource struct {
	Type     string // homelab_routeros_interface_vlan
	Name     string // its address's name, a valid identifier unique per type
	File     string // the file it goes into, e.g. router-interfaces.tf
	Attrs    []Attr // in the order they are written
	ImportID string
}

// Address is the resource's address, e.g. homelab_routeros_ip_pool.pool_proxmox.
func (r *Resource) Address() string { return r.Type + "." + r.Name }

// Block is a nested block of attributes (the provider's `routeros {}`).
type Block struct {
	Type  string
	Attrs []Attr
}

// Variable is an input variable of the generated configuration.
type Variable struct {
	Name        string
	Description string
	Type        string // HCL type expression: string, bool
	Sensitive   bool
	Nullable    bool // default = null: the provider's environment variable may stand in
}

// Skipped is an object or field that was not imported.
type Skipped struct {
	Menu   string // where on the system: /interface/ethernet, /ip/firewall/filter
	Object string // which object: "ether1", "chain forward rule 3"; "" for the whole menu
	Field  string // "" when the whole object was skipped
	Line   int    // line of the export file it came from, when known
	Reason string
}
