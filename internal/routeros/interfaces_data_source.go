package routeros

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// interfacesDataSource lists /interface, filterable by type and name.
type interfacesDataSource struct{ data *providerdata.Data }

func newInterfacesDataSource() datasource.DataSource { return &interfacesDataSource{} }

func (d *interfacesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_routeros_interfaces"
}

var interfaceAttrTypes = map[string]attr.Type{
	"id": types.StringType, "name": types.StringType, "default_name": types.StringType, "type": types.StringType,
	"mtu": types.StringType, "mac_address": types.StringType, "comment": types.StringType,
	"running": types.BoolType, "disabled": types.BoolType,
}

func (d *interfacesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "All interfaces of the router (`/interface`): ports, VLANs, bridges, bonds, optionally filtered by type and name.",
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{Optional: true, MarkdownDescription: "Only interfaces of this type: `ether`, `vlan`, `bridge`, `bond`, ..."},
			"name_regex": schema.StringAttribute{Optional: true, MarkdownDescription: "Only interfaces whose name matches this regular expression (RE2), e.g. `^ether`.",
				Validators: []validator.String{validate.StringFunc("regular expression", func(s string) error {
					_, err := regexp.Compile(s)
					return err
				})}},
			"interfaces": schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The matching interfaces, in the router's order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "RouterOS `.id`."},
					"name":         schema.StringAttribute{Computed: true},
					"default_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Factory name of a port."},
					"type":         schema.StringAttribute{Computed: true},
					"mtu":          schema.StringAttribute{Computed: true},
					"mac_address":  schema.StringAttribute{Computed: true},
					"comment":      schema.StringAttribute{Computed: true},
					"running":      schema.BoolAttribute{Computed: true},
					"disabled":     schema.BoolAttribute{Computed: true},
				}}},
		},
	}
}

func (d *interfacesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

type interfacesModel struct {
	Type       types.String `tfsdk:"type"`
	NameRegex  types.String `tfsdk:"name_regex"`
	Interfaces types.List   `tfsdk:"interfaces"`
}

func (d *interfacesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m interfacesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	c := menu.Client(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	rows, err := c.Table(ctx, "/interface")
	if err != nil {
		resp.Diagnostics.AddError("RouterOS print failed", "homelab_routeros_interfaces: /interface/print: "+err.Error())
		return
	}
	var re *regexp.Regexp
	if s := m.NameRegex.ValueString(); s != "" {
		// Validated at plan time unless it came from an unknown value.
		if re, err = regexp.Compile(s); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid regular expression", "homelab_routeros_interfaces: name_regex: "+err.Error())
			return
		}
	}
	str := func(row map[string]string, k string) attr.Value {
		if v, ok := row[k]; ok {
			return types.StringValue(v)
		}
		return types.StringNull()
	}
	var elems []attr.Value
	for _, row := range rows {
		if t := m.Type.ValueString(); t != "" && row["type"] != t {
			continue
		}
		if re != nil && !re.MatchString(row["name"]) {
			continue
		}
		running, disabled := menu.ParseBool(row["running"]), menu.ParseBool(row["disabled"])
		elems = append(elems, types.ObjectValueMust(interfaceAttrTypes, map[string]attr.Value{
			"id": str(row, ".id"), "name": str(row, "name"), "default_name": str(row, "default-name"), "type": str(row, "type"),
			"mtu": str(row, "mtu"), "mac_address": str(row, "mac-address"), "comment": str(row, "comment"),
			"running": types.BoolValue(running), "disabled": types.BoolValue(disabled),
		}))
	}
	if elems == nil {
		elems = []attr.Value{}
	}
	m.Interfaces = types.ListValueMust(types.ObjectType{AttrTypes: interfaceAttrTypes}, elems)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
