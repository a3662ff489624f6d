package proxmoximport

import (
	"context"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/proxmox"
)

// Config says which cluster to read, as the provider's proxmox block does.
type Config struct {
	Endpoint      string // https://host:8006
	APIToken      string // user@realm!name=secret, or Username and Password
	Username      string
	Password      string
	CACertificate string // PEM or path; verified against it (or the system roots) unless Insecure
	Insecure      bool
	Timeout       time.Duration // 0: the provider's default
}

// Source reads a Proxmox VE cluster through the provider's client.
type Source struct{ cfg Config }

// New returns the source for the cluster cfg names; nothing is dialed yet.
func New(cfg Config) *Source { return &Source{cfg: cfg} }

func (s *Source) Name() string { return "Proxmox VE" }

// Read lists the cluster once, reads each guest's config once and builds
// the result.
func (s *Source) Read(ctx context.Context) (*adopt.Result, error) {
	c, err := proxmox.NewClient(ctx, &providerdata.ProxmoxSettings{Endpoint: s.cfg.Endpoint, APIToken: s.cfg.APIToken,
		Username: s.cfg.Username, Password: s.cfg.Password, CACertificate: s.cfg.CACertificate, Insecure: s.cfg.Insecure,
		Timeout: s.cfg.Timeout})
	if err != nil {
		return nil, err
	}
	cl, err := read(ctx, c)
	if err != nil {
		return nil, err
	}
	res := build(cl)
	res.Origin = "live cluster" // not the endpoint: it may change between runs
	res.Provider, res.Variables = providerBlock()
	return res, nil
}

// providerBlock is the proxmox block: every setting a variable that may be
// left null, so the provider's PROXMOX_VE_* environment variables stand in;
// the token and the password are sensitive and never written.
func providerBlock() (*adopt.Block, []adopt.Variable) {
	b := &adopt.Block{Type: "proxmox"}
	var vars []adopt.Variable
	for _, s := range providerSettings {
		name := "proxmox_" + s.attr
		b.Attrs = append(b.Attrs, adopt.Attr{Name: s.attr, Value: adopt.Ref("var." + name)})
		vars = append(vars, adopt.Variable{Name: name, Type: s.typ, Nullable: true, Sensitive: s.secret,
			Description: "The provider's proxmox " + s.attr + "; null uses " + s.env + "."})
	}
	return b, vars
}

var providerSettings = []struct {
	attr, typ, env string
	secret         bool
}{
	{"endpoint", "string", "PROXMOX_VE_ENDPOINT", false},
	{"api_token", "string", "PROXMOX_VE_API_TOKEN", true},
	{"username", "string", "PROXMOX_VE_USERNAME", false},
	{"password", "string", "PROXMOX_VE_PASSWORD", true},
	{"ca_certificate", "string", "PROXMOX_VE_CA_CERTIFICATE", false},
	{"insecure", "bool", "PROXMOX_VE_INSECURE", false},
}
