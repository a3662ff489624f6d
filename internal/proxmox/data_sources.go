package proxmox

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// dsBase is shared by the Proxmox data sources.
type dsBase struct{ data *providerdata.Data }

func (d *dsBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (d *dsBase) client(ctx context.Context, diags *diag.Diagnostics) *Client {
	c, err := clientFrom(ctx, d.data)
	if err != nil {
		diags.AddError("Proxmox VE client", err.Error())
		return nil
	}
	return c
}

// ---------------------------------------------------------------------------
// homelab_proxmox_nodes

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

// ---------------------------------------------------------------------------
// homelab_proxmox_storages

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

// ---------------------------------------------------------------------------
// homelab_proxmox_lxc_templates

type lxcTemplatesDataSource struct{ dsBase }

func newLXCTemplatesDataSource() datasource.DataSource { return &lxcTemplatesDataSource{} }

type lxcTemplatesModel struct {
	ID        types.String     `tfsdk:"id"`
	Node      types.String     `tfsdk:"node"`
	Section   types.String     `tfsdk:"section"`
	OS        types.String     `tfsdk:"os"`
	Templates []applianceModel `tfsdk:"templates"`
}

type applianceModel struct {
	Template     types.String `tfsdk:"template"`
	Package      types.String `tfsdk:"package"`
	Version      types.String `tfsdk:"version"`
	OS           types.String `tfsdk:"os"`
	Section      types.String `tfsdk:"section"`
	Headline     types.String `tfsdk:"headline"`
	Architecture types.String `tfsdk:"architecture"`
	Location     types.String `tfsdk:"location"`
	SHA512Sum    types.String `tfsdk:"sha512sum"`
}

func (d *lxcTemplatesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_lxc_templates"
}

func (d *lxcTemplatesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The appliance (container template) list a node can download (`GET /nodes/{node}/aplinfo`), sorted by template name.",
		Attributes: map[string]schema.Attribute{
			"id":      schema.StringAttribute{Computed: true},
			"node":    schema.StringAttribute{Required: true, Validators: []validator.String{vNode()}},
			"section": schema.StringAttribute{Optional: true, MarkdownDescription: "Only this section, e.g. `system` or `turnkeylinux`."},
			"os":      schema.StringAttribute{Optional: true, MarkdownDescription: "Only this OS, e.g. `ubuntu-24.04`, `debian-12`, `alpine` (prefix match)."},
			"templates": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"template":     schema.StringAttribute{Computed: true, MarkdownDescription: "File name, what `homelab_proxmox_lxc_template.template` takes."},
				"package":      schema.StringAttribute{Computed: true},
				"version":      schema.StringAttribute{Computed: true},
				"os":           schema.StringAttribute{Computed: true},
				"section":      schema.StringAttribute{Computed: true},
				"headline":     schema.StringAttribute{Computed: true},
				"architecture": schema.StringAttribute{Computed: true},
				"location":     schema.StringAttribute{Computed: true},
				"sha512sum":    schema.StringAttribute{Computed: true},
			}}},
		},
	}
}

func (d *lxcTemplatesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m lxcTemplatesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := d.client(ctx, &resp.Diagnostics)
	if c == nil {
		return
	}
	list, err := c.GetList(ctx, "/nodes/"+m.Node.ValueString()+"/aplinfo")
	if err != nil {
		resp.Diagnostics.AddError("Listing the appliance templates failed", err.Error())
		return
	}
	m.ID = types.StringValue(m.Node.ValueString())
	m.Templates = []applianceModel{}
	for _, a := range list {
		if !m.Section.IsNull() && str(a["section"]) != m.Section.ValueString() {
			continue
		}
		if !m.OS.IsNull() && !strings.HasPrefix(str(a["os"]), m.OS.ValueString()) {
			continue
		}
		s := func(k string) types.String { return types.StringValue(str(a[k])) }
		m.Templates = append(m.Templates, applianceModel{
			Template: s("template"), Package: s("package"), Version: s("version"), OS: s("os"), Section: s("section"),
			Headline: s("headline"), Architecture: s("architecture"), Location: s("location"), SHA512Sum: s("sha512sum"),
		})
	}
	sort.Slice(m.Templates, func(i, j int) bool {
		return m.Templates[i].Template.ValueString() < m.Templates[j].Template.ValueString()
	})
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
