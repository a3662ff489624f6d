package routerosimport

import (
	"context"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// Config says which router to read, as the provider's routeros block does.
type Config struct {
	URL           string // api://host[:8728] or apis://host[:8729]
	Username      string
	Password      string
	CACertificate string // PEM or path; apis:// is verified against it (or the system roots) unless Insecure
	Insecure      bool
	Timeout       time.Duration // of one command; 0 means 30s
	// Origin names where the configuration came from in the report
	// ("live router" when empty); never the password.
	Origin string
	// Skipped are added to the report as they are (the lines of an export
	// the emulator did not load).
	Skipped []adopt.Skipped
}

// Source reads a RouterOS router through the provider's client.
type Source struct {
	cfg    Config
	specs  []menu.Spec
	chains []menu.ChainSpec
}

// New returns the source for the router cfg names; nothing is dialed yet.
func New(cfg Config) *Source {
	return &Source{cfg: cfg, specs: routeros.Specs(), chains: routeros.ChainSpecs()}
}

func (s *Source) Name() string { return "RouterOS" }

// Read prints every menu the provider manages, once, and builds the result.
func (s *Source) Read(ctx context.Context) (*adopt.Result, error) {
	c, err := client.New(client.Config{URL: s.cfg.URL, Username: s.cfg.Username, Password: s.cfg.Password,
		CACertificate: s.cfg.CACertificate, Insecure: s.cfg.Insecure, Timeout: s.cfg.Timeout, Sensitive: s.sensitive})
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, sp := range s.specs {
		paths = append(paths, sp.Path)
	}
	for _, cs := range s.chains {
		paths = append(paths, cs.Path)
	}
	t, err := readTables(ctx, c, paths)
	if err != nil {
		return nil, err
	}
	res := build(s.specs, s.chains, t)
	res.Origin = s.cfg.Origin
	if res.Origin == "" {
		res.Origin = "live router"
	}
	res.Skipped = append(append([]adopt.Skipped{}, s.cfg.Skipped...), res.Skipped...)
	res.Provider, res.Variables = providerBlock(res.Variables)
	return res, nil
}

// sensitive keeps the values of the specs' secret fields out of logs.
func (s *Source) sensitive(path, field string) bool {
	for _, sp := range s.specs {
		if sp.Path == path {
			return sp.Field(field) != nil && sp.Field(field).Sensitive
		}
	}
	for _, cs := range s.chains {
		if cs.Path == path {
			for _, f := range cs.Rule {
				if f.Name == field {
					return f.Sensitive
				}
			}
		}
	}
	return false
}

// providerBlock is the routeros block: every setting a variable that may be
// left null, so the provider's ROUTEROS_* environment variables stand in
// (and nothing that differs between runs, like an address, is written).
func providerBlock(vars []adopt.Variable) (*adopt.Block, []adopt.Variable) {
	b := &adopt.Block{Type: "routeros"}
	for _, s := range providerSettings {
		name := "routeros_" + s.attr
		b.Attrs = append(b.Attrs, adopt.Attr{Name: s.attr, Value: adopt.Ref("var." + name)})
		vars = append(vars, adopt.Variable{Name: name, Type: s.typ, Nullable: true, Sensitive: s.attr == "password",
			Description: "The provider's routeros " + s.attr + "; null uses " + s.env + "."})
	}
	return b, vars
}

var providerSettings = []struct{ attr, typ, env string }{
	{"url", "string", "ROUTEROS_URL"},
	{"username", "string", "ROUTEROS_USERNAME"},
	{"password", "string", "ROUTEROS_PASSWORD"},
	{"ca_certificate", "string", "ROUTEROS_CA_CERTIFICATE"},
	{"insecure", "bool", "ROUTEROS_INSECURE"},
}

var providerVars = func() []string {
	var out []string
	for _, s := range providerSettings {
		out = append(out, "routeros_"+s.attr)
	}
	return out
}()
