package proxmox

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

type storagesDataSource struct{ dsBase }

func newStoragesDataSource() datasource.DataSource { return &storagesDataSource{} }

type storagesModel struct {
	ID       types.String   `tfsdk:"id"`
	Node     types.String   `tfsdk:"node"`
	Content  types.String   `tfsdk:"content"`
	Storages []storageModel `tfsdk:"storages"`
}

type storageModel struct {
	Name    types.String `tfsdk:"name"`
	Type    types.String `tfsdk:"type"`
	Content types.List   `tfsdk:"content"`
	Shared  types.Bool   `tfsdk:"shared"`
	Active  types.Bool   `tfsdk:"active"`
	Enabled types.Bool   `tfsdk:"enabled"`
	Total   types.Int64  `tfsdk:"total"`
	Used    types.Int64  `tfsdk:"used"`
	Avail   types.Int64  `tfsdk:"avail"`
}

func (d *storagesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_storages"
}

func (d *storagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The storages a node sees (`GET /nodes/{node}/storage`), sorted by name.",
		Attributes: map[string]schema.Attribute{
			"id":   schema.StringAttribute{Computed: true},
			"node": schema.StringAttribute{Required: true, Validators: []validator.String{vNode()}},
			"content": schema.StringAttribute{Optional: true, MarkdownDescription: "Only storages holding this content type, e.g. `vztmpl`, `rootdir`, `images`, `iso`.",
				Validators: []validator.String{validate.StringFunc("content type", func(s string) error {
					switch s {
					case "images", "rootdir", "vztmpl", "iso", "backup", "snippets", "import":
						return nil
					}
					return fmt.Errorf("%q is not a content type (images, rootdir, vztmpl, iso, backup, snippets, import)", s)
				})}},
			"storages": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"name":    schema.StringAttribute{Computed: true},
				"type":    schema.StringAttribute{Computed: true, MarkdownDescription: "`dir`, `lvmthin`, `nfs`, ..."},
				"content": schema.ListAttribute{Computed: true, ElementType: types.StringType},
				"shared":  schema.BoolAttribute{Computed: true},
				"active":  schema.BoolAttribute{Computed: true},
				"enabled": schema.BoolAttribute{Computed: true},
				"total":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Bytes."},
				"used":    schema.Int64Attribute{Computed: true, MarkdownDescription: "Bytes."},
				"avail":   schema.Int64Attribute{Computed: true, MarkdownDescription: "Bytes."},
			}}},
		},
	}
}

func (d *storagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m storagesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := d.client(ctx, &resp.Diagnostics)
	if c == nil {
		return
	}
	p := "/nodes/" + m.Node.ValueString() + "/storage"
	if !m.Content.IsNull() {
		p += "?content=" + m.Content.ValueString()
	}
	list, err := c.GetList(ctx, p)
	if err != nil {
		resp.Diagnostics.AddError("Listing storages failed", err.Error())
		return
	}
	m.ID = types.StringValue(m.Node.ValueString())
	m.Storages = []storageModel{}
	for _, s := range list {
		content := strings.FieldsFunc(str(s["content"]), func(r rune) bool { return r == ',' })
		sort.Strings(content)
		cl, diags := types.ListValueFrom(ctx, types.StringType, content)
		resp.Diagnostics.Append(diags...)
		num := func(k string) types.Int64 { f, _ := toFloat(s[k]); return types.Int64Value(int64(f)) }
		enabled := true
		if v, ok := s["enabled"]; ok {
			enabled = toBool(v)
		}
		m.Storages = append(m.Storages, storageModel{
			Name: types.StringValue(str(s["storage"])), Type: types.StringValue(str(s["type"])), Content: cl,
			Shared: types.BoolValue(toBool(s["shared"])), Active: types.BoolValue(toBool(s["active"])), Enabled: types.BoolValue(enabled),
			Total: num("total"), Used: num("used"), Avail: num("avail"),
		})
	}
	sort.Slice(m.Storages, func(i, j int) bool { return m.Storages[i].Name.ValueString() < m.Storages[j].Name.ValueString() })
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
