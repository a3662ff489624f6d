package proxmox

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type nodesDataSource struct{ dsBase }

func newNodesDataSource() datasource.DataSource { return &nodesDataSource{} }

type nodesModel struct {
	ID    types.String `tfsdk:"id"`
	Nodes []nodeModel  `tfsdk:"nodes"`
}

type nodeModel struct {
	Name      types.String `tfsdk:"name"`
	Status    types.String `tfsdk:"status"`
	Online    types.Bool   `tfsdk:"online"`
	MaxCPU    types.Int64  `tfsdk:"max_cpu"`
	MaxMemory types.Int64  `tfsdk:"max_memory"`
}

func (d *nodesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_nodes"
}

func (d *nodesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The nodes of the Proxmox VE cluster (`GET /nodes`), sorted by name.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true},
			"nodes": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":       schema.StringAttribute{Computed: true},
				"status":     schema.StringAttribute{Computed: true, MarkdownDescription: "`online`, `offline` or `unknown`."},
				"online":     schema.BoolAttribute{Computed: true},
				"max_cpu":    schema.Int64Attribute{Computed: true, MarkdownDescription: "CPU threads."},
				"max_memory": schema.Int64Attribute{Computed: true, MarkdownDescription: "Memory in bytes."},
			}}},
		},
	}
}

func (d *nodesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	c := d.client(ctx, &resp.Diagnostics)
	if c == nil {
		return
	}
	list, err := c.GetList(ctx, "/nodes")
	if err != nil {
		resp.Diagnostics.AddError("Listing nodes failed", err.Error())
		return
	}
	m := nodesModel{ID: types.StringValue("nodes"), Nodes: []nodeModel{}}
	for _, n := range list {
		cpu, _ := toInt(n["maxcpu"])
		mem, _ := toFloat(n["maxmem"])
		m.Nodes = append(m.Nodes, nodeModel{
			Name:      types.StringValue(str(n["node"])),
			Status:    types.StringValue(str(n["status"])),
			Online:    types.BoolValue(str(n["status"]) == "online"),
			MaxCPU:    types.Int64Value(int64(cpu)),
			MaxMemory: types.Int64Value(int64(mem)),
		})
	}
	sort.Slice(m.Nodes, func(i, j int) bool { return m.Nodes[i].Name.ValueString() < m.Nodes[j].Name.ValueString() })
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
