package vaultimport

import (
	"context"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

// Config says which Vault to read, as the provider's vault block does.
type Config struct {
	Address    string // https://vault:8200
	Token      string
	CACert     string // PEM or path; the server is verified against it (or the system roots) unless SkipVerify
	SkipVerify bool
}

// Source reads a Vault's PKI mounts.
type Source struct{ cfg Config }

// New returns the source for the Vault cfg names; nothing is dialed yet.
func New(cfg Config) *Source { return &Source{cfg: cfg} }

func (s *Source) Name() string { return "Vault" }

// Read reads every PKI mount and builds the result.
func (s *Source) Read(ctx context.Context) (*adopt.Result, error) {
	c, err := newClient(s.cfg)
	if err != nil {
		return nil, err
	}
	l, err := read(ctx, c)
	if err != nil {
		return nil, err
	}
	res := build(l)
	res.Origin = "live Vault" // not the address: it may change between runs
	res.Provider, res.Variables = providerBlock()
	return res, nil
}

// providerBlock is the vault block: every setting a variable that may be
// left null, so the provider's VAULT_* environment variables stand in; the
// token is sensitive and never written.
func providerBlock() (*adopt.Block, []adopt.Variable) {
	b := &adopt.Block{Type: "vault"}
	var vars []adopt.Variable
	for _, s := range providerSettings {
		name := "vault_" + s.attr
		b.Attrs = append(b.Attrs, adopt.Attr{Name: s.attr, Value: adopt.Ref("var." + name)})
		vars = append(vars, adopt.Variable{Name: name, Type: s.typ, Nullable: true, Sensitive: s.attr == "token",
			Description: "The provider's vault " + s.attr + "; null uses " + s.env + "."})
	}
	return b, vars
}

var providerSettings = []struct{ attr, typ, env string }{
	{"address", "string", "VAULT_ADDR"},
	{"token", "string", "VAULT_TOKEN"},
	{"ca_cert", "string", "VAULT_CACERT"},
	{"skip_tls_verify", "bool", "VAULT_SKIP_VERIFY"},
}
