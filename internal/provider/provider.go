// Package provider defines the homelab provider: its configuration (one optional
// block per managed system) and the list of resources and data sources.
package provider

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/proxmox"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
	"github.com/homelab-iac/terraform-provider-homelab/internal/vault"
)

var _ provider.Provider = &homelabProvider{}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &homelabProvider{version: version} }
}

type homelabProvider struct{ version string }

type providerModel struct {
	RouterOS *routerosModel `tfsdk:"routeros"`
	Proxmox  *proxmoxModel  `tfsdk:"proxmox"`
	Vault    *vaultModel    `tfsdk:"vault"`
}

type routerosModel struct {
	URL           types.String `tfsdk:"url"`
	Username      types.String `tfsdk:"username"`
	Password      types.String `tfsdk:"password"`
	CACertificate types.String `tfsdk:"ca_certificate"`
	Insecure      types.Bool   `tfsdk:"insecure"`
	Timeout       types.String `tfsdk:"timeout"`
}

type proxmoxModel struct {
	Endpoint types.String `tfsdk:"endpoint"`
	APIToken types.String `tfsdk:"api_token"`
	Username types.String `tfsdk:"username"`
	Password types.String `tfsdk:"password"`
	CACert   types.String `tfsdk:"ca_certificate"`
	Insecure types.Bool   `tfsdk:"insecure"`
	Timeout  types.String `tfsdk:"timeout"`
}

type vaultModel struct {
	Address       types.String `tfsdk:"address"`
	Token         types.String `tfsdk:"token"`
	CACert        types.String `tfsdk:"ca_cert"`
	SkipTLSVerify types.Bool   `tfsdk:"skip_tls_verify"`
}

var (
	routerosURLPattern = regexp.MustCompile(`^apis?://[^/\s]+/?$`)
	proxmoxURLPattern  = regexp.MustCompile(`^https?://[^/\s]+(/.*)?$`)
	// user@realm!tokenname=secret, as PVE prints it when a token is created.
	apiTokenPattern = regexp.MustCompile(`^[^@!=\s]+@[^@!=\s]+![A-Za-z][A-Za-z0-9._-]*=\S+$`)
	vaultURLPattern = regexp.MustCompile(`^https?://[^/\s]+/?$`)
)

const (
	defaultRouterOSTimeout = 30 * time.Second
	defaultProxmoxTimeout  = 10 * time.Minute
)

func (p *homelabProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "homelab"
	resp.Version = p.version
}

func (p *homelabProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages a homelab as code: a MikroTik router (RouterOS), a Proxmox VE cluster " +
			"and the Vault PKI that issues its certificates. Each block is optional; a system's client " +
			"connects only when a resource of that system is used.",
		Blocks: map[string]schema.Block{
			"routeros": schema.SingleNestedBlock{
				MarkdownDescription: "Connection to a RouterOS 7 router over the binary API.",
				Attributes: map[string]schema.Attribute{
					"url": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "`api://host[:port]` (plain API, port 8728) or `apis://host[:port]` " +
							"(API over TLS, port 8729). Env: `ROUTEROS_URL`.",
						Validators: []validator.String{validate.Regex(routerosURLPattern, "RouterOS URL (api://host[:port] or apis://host[:port])")},
					},
					"username": schema.StringAttribute{Optional: true, MarkdownDescription: "Env: `ROUTEROS_USERNAME`."},
					"password": schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Env: `ROUTEROS_PASSWORD`."},
					"ca_certificate": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "PEM certificate (or path to one) of the CA that signed the router's " +
							"api-ssl certificate. Env: `ROUTEROS_CA_CERTIFICATE`.",
					},
					"insecure": schema.BoolAttribute{
						Optional:            true,
						MarkdownDescription: "Skip TLS certificate verification (`apis://` only). Env: `ROUTEROS_INSECURE`.",
					},
					"timeout": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Timeout of one API call, e.g. `30s` (default).",
						Validators:          []validator.String{validate.GoDuration()},
					},
				},
			},
			"proxmox": schema.SingleNestedBlock{
				MarkdownDescription: "Connection to a Proxmox VE cluster's API.",
				Attributes: map[string]schema.Attribute{
					"endpoint": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "`https://host:8006`. Env: `PROXMOX_VE_ENDPOINT`.",
						Validators:          []validator.String{validate.Regex(proxmoxURLPattern, "Proxmox endpoint URL (https://host:8006)")},
					},
					"api_token": schema.StringAttribute{
						Optional:  true,
						Sensitive: true,
						MarkdownDescription: "API token as `user@realm!name=secret`. Conflicts with `password`. " +
							"Env: `PROXMOX_VE_API_TOKEN`.",
						Validators: []validator.String{
							validate.SecretRegex(apiTokenPattern, "API token (user@realm!name=secret)"),
							stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("password")),
						},
					},
					"username": schema.StringAttribute{Optional: true, MarkdownDescription: "`user@realm`. Env: `PROXMOX_VE_USERNAME`."},
					"password": schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Env: `PROXMOX_VE_PASSWORD`."},
					"ca_certificate": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "PEM certificate (or path to one) of the CA that signed the PVE API " +
							"certificate, e.g. the cluster's `/etc/pve/pve-root-ca.pem`. Env: `PROXMOX_VE_CA_CERTIFICATE`.",
					},
					"insecure": schema.BoolAttribute{Optional: true, MarkdownDescription: "Skip TLS certificate verification. Env: `PROXMOX_VE_INSECURE`."},
					"timeout": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "How long to wait for an API call or task, e.g. `10m` (default).",
						Validators:          []validator.String{validate.GoDuration()},
					},
				},
			},
			"vault": schema.SingleNestedBlock{
				MarkdownDescription: "Connection to HashiCorp Vault.",
				Attributes: map[string]schema.Attribute{
					"address": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "`https://vault:8200`. Env: `VAULT_ADDR`.",
						Validators:          []validator.String{validate.Regex(vaultURLPattern, "Vault address (https://host:8200)")},
					},
					"token":           schema.StringAttribute{Optional: true, Sensitive: true, MarkdownDescription: "Env: `VAULT_TOKEN`."},
					"ca_cert":         schema.StringAttribute{Optional: true, MarkdownDescription: "PEM CA certificate or path to one. Env: `VAULT_CACERT`."},
					"skip_tls_verify": schema.BoolAttribute{Optional: true, MarkdownDescription: "Skip TLS verification. Env: `VAULT_SKIP_VERIFY`."},
				},
			},
		},
	}
}

func (p *homelabProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := &providerdata.Data{}
	data.RouterOS = resolveRouterOS(cfg.RouterOS, &resp.Diagnostics)
	data.Proxmox = resolveProxmox(cfg.Proxmox, &resp.Diagnostics)
	data.Vault = resolveVault(cfg.Vault, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.ResourceData = data
	resp.DataSourceData = data
}

func (p *homelabProvider) Resources(context.Context) []func() resource.Resource {
	var all []func() resource.Resource
	all = append(all, routeros.Resources()...)
	all = append(all, proxmox.Resources()...)
	all = append(all, vault.Resources()...)
	return all
}

func (p *homelabProvider) DataSources(context.Context) []func() datasource.DataSource {
	var all []func() datasource.DataSource
	all = append(all, routeros.DataSources()...)
	all = append(all, proxmox.DataSources()...)
	all = append(all, vault.DataSources()...)
	return all
}

// str returns the configured value, else the environment variable.
func str(v types.String, env string) string {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueString()
	}
	return os.Getenv(env)
}

// boolean returns the configured value, else the environment variable parsed
// as a boolean; an unparsable variable is reported against its name.
func boolean(v types.Bool, env string, diags interface{ AddError(string, string) }) bool {
	if !v.IsNull() && !v.IsUnknown() {
		return v.ValueBool()
	}
	s := os.Getenv(env)
	if s == "" {
		return false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		diags.AddError("Invalid "+env, "The environment variable "+env+"="+strconv.Quote(s)+" is not a boolean (true or false).")
	}
	return b
}

func duration(v types.String, def time.Duration) time.Duration {
	if v.IsNull() || v.IsUnknown() {
		return def
	}
	d, err := time.ParseDuration(v.ValueString())
	if err != nil { // already rejected by the schema validator
		return def
	}
	return d
}
