package proxmox

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

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
