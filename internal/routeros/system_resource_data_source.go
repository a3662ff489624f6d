package routeros

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// systemResourceDataSource reads /system/resource.
type systemResourceDataSource struct{ data *providerdata.Data }

func newSystemResourceDataSource() datasource.DataSource { return &systemResourceDataSource{} }

// systemResourceFields maps attributes to /system/resource properties.
var systemResourceFields = []struct{ attr, name, desc string }{
	{"version", "version", "RouterOS version and channel, e.g. `7.19.4 (stable)`"},
	{"uptime", "uptime", "Time since boot, RouterOS duration"},
	{"board_name", "board-name", "Hardware model"},
	{"architecture_name", "architecture-name", "CPU architecture"},
	{"platform", "platform", "Platform"},
	{"cpu", "cpu", "CPU model"},
	{"cpu_count", "cpu-count", "Number of CPUs"},
	{"cpu_load", "cpu-load", "CPU load, percent"},
	{"free_memory", "free-memory", "Free memory, bytes"},
	{"total_memory", "total-memory", "Total memory, bytes"},
	{"free_hdd_space", "free-hdd-space", "Free storage, bytes"},
	{"total_hdd_space", "total-hdd-space", "Total storage, bytes"},
	{"build_time", "build-time", "Build time of the installed RouterOS"},
}

func (d *systemResourceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_routeros_system_resource"
}

func (d *systemResourceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{}
	for _, f := range systemResourceFields {
		attrs[f.attr] = schema.StringAttribute{Computed: true, MarkdownDescription: f.desc + " (RouterOS `" + f.name + "`)."}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The router's version, hardware and resource usage (`/system/resource`).",
		Attributes:          attrs,
	}
}

func (d *systemResourceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (d *systemResourceDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := menu.Client(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	rows, err := c.Table(ctx, "/system/resource")
	if err != nil || len(rows) == 0 {
		resp.Diagnostics.AddError("RouterOS print failed", fmt.Sprintf("homelab_routeros_system_resource: /system/resource/print: %v", err))
		return
	}
	for _, f := range systemResourceFields {
		v := types.StringNull()
		if s, ok := rows[0][f.name]; ok {
			v = types.StringValue(s)
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(f.attr), v)...)
	}
}
