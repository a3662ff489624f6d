package vault

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

// healthDataSource reports Vault's /sys/health, so a configuration can check
// that Vault is reachable, initialised and unsealed before using it.
type healthDataSource struct{ data *providerdata.Data }

type healthModel struct {
	Initialized types.Bool   `tfsdk:"initialized"`
	Sealed      types.Bool   `tfsdk:"sealed"`
	Standby     types.Bool   `tfsdk:"standby"`
	Version     types.String `tfsdk:"version"`
	ClusterName types.String `tfsdk:"cluster_name"`
}

func newHealthDataSource() datasource.DataSource { return &healthDataSource{} }

func (d *healthDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vault_health"
}

func (d *healthDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Health of the Vault server (`/sys/health`).",
		Attributes: map[string]schema.Attribute{
			"initialized":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Vault is initialised."},
			"sealed":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether Vault is sealed."},
			"standby":      schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether this node is a standby."},
			"version":      schema.StringAttribute{Computed: true, MarkdownDescription: "Vault's version."},
			"cluster_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Vault's cluster name."},
		},
	}
}

func (d *healthDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (d *healthDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	c, err := client(d.data)
	if err != nil {
		resp.Diagnostics.AddError("homelab_vault_health: Vault is not available", err.Error())
		return
	}
	h, err := c.Sys().HealthWithContext(ctx)
	if err != nil {
		resp.Diagnostics.AddError("homelab_vault_health: reading /sys/health failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, healthModel{
		Initialized: types.BoolValue(h.Initialized),
		Sealed:      types.BoolValue(h.Sealed),
		Standby:     types.BoolValue(h.Standby),
		Version:     types.StringValue(h.Version),
		ClusterName: types.StringValue(h.ClusterName),
	})...)
}
