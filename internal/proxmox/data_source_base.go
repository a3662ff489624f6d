package proxmox

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

// dsBase is shared by the Proxmox data sources.
type dsBase struct{ data *providerdata.Data }

func (d *dsBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (d *dsBase) client(ctx context.Context, diags *diag.Diagnostics) *Client {
	return clientOrDiag(ctx, d.data, diags)
}
