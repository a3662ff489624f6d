package menu

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// DataSpec declares a read-only view of a menu: a settings object whose
// fields become attributes (Singleton), or a table whose rows become the list
// attribute Rows, optionally filtered. Values are typed and read by each
// field's Kind, as the resources read them.
type DataSpec struct {
	Type      string // "interfaces" -> homelab_routeros_interfaces
	Path      string // "/interface"
	Desc      string
	Singleton bool
	Rows      string   // the list attribute holding a table's rows, e.g. "interfaces"
	Filters   []string // fields a configuration may match exactly, e.g. "type"
	NameRegex bool     // a name_regex filter on the rows' name
	Fields    []Field  // what a row (or the object) shows
}

// NewDataSource returns the constructor of the data source a spec describes.
func NewDataSource(spec DataSpec) func() datasource.DataSource {
	return func() datasource.DataSource { return &DataSource{spec: &spec} }
}

// DataSource is the generic data source for one menu.
type DataSource struct {
	spec *DataSpec
	data *providerdata.Data
}

var _ datasource.DataSourceWithConfigure = (*DataSource)(nil)

func (d *DataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_routeros_" + d.spec.Type
}

func (d *DataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (f *Field) dataAttr() schema.Attribute {
	desc := f.Desc + " (RouterOS `" + f.Name + "`)."
	switch f.Kind {
	case Int:
		return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
	case Bool:
		return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
	case List:
		return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	case Set:
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
	}
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func (d *DataSource) rowTypes() map[string]attr.Type {
	t := map[string]attr.Type{"id": types.StringType}
	for i := range d.spec.Fields {
		t[d.spec.Fields[i].AttrName()] = d.spec.Fields[i].attrType()
	}
	return t
}

func (d *DataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	sp := d.spec
	fields := map[string]schema.Attribute{}
	for i := range sp.Fields {
		fields[sp.Fields[i].AttrName()] = sp.Fields[i].dataAttr()
	}
	if sp.Singleton {
		resp.Schema = schema.Schema{MarkdownDescription: sp.Desc + fmt.Sprintf(" (`%s`).", sp.Path), Attributes: fields}
		return
	}
	fields["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "RouterOS `.id`."}
	attrs := map[string]schema.Attribute{
		sp.Rows: schema.ListNestedAttribute{Computed: true, MarkdownDescription: "The matching rows, in the router's order.",
			NestedObject: schema.NestedAttributeObject{Attributes: fields}},
	}
	for _, name := range sp.Filters {
		f := sp.field(name)
		attrs[f.AttrName()] = schema.StringAttribute{Optional: true,
			MarkdownDescription: fmt.Sprintf("Only rows whose `%s` is this value.", f.AttrName())}
	}
	if sp.NameRegex {
		attrs["name_regex"] = schema.StringAttribute{Optional: true,
			MarkdownDescription: "Only rows whose name matches this regular expression (RE2), e.g. `^ether`.",
			Validators: []validator.String{validate.StringFunc("regular expression", func(s string) error {
				_, err := regexp.Compile(s)
				return err
			})}}
	}
	resp.Schema = schema.Schema{MarkdownDescription: sp.Desc + fmt.Sprintf(" (`%s`).", sp.Path), Attributes: attrs}
}

// value is a printed value as the field's Terraform value; absent is null.
func (f *Field) value(row map[string]string) attr.Value {
	if s, ok := row[f.Name]; ok {
		return f.fromDevice(s)
	}
	return f.null()
}

func (d *DataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	sp := d.spec
	c := Client(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	rows, err := c.Table(ctx, sp.Path)
	if err != nil {
		resp.Diagnostics.AddError("RouterOS print failed", fmt.Sprintf("homelab_routeros_%s: %s/print: %s", sp.Type, sp.Path, err))
		return
	}
	if sp.Singleton {
		if len(rows) == 0 {
			resp.Diagnostics.AddError("RouterOS print failed", fmt.Sprintf("homelab_routeros_%s: %s/print returned nothing", sp.Type, sp.Path))
			return
		}
		for i := range sp.Fields {
			f := &sp.Fields[i]
			resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(f.AttrName()), f.value(rows[0]))...)
		}
		return
	}
	match := map[string]string{}
	for _, name := range sp.Filters {
		var v types.String
		attrName := sp.field(name).AttrName()
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attrName), &v)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attrName), v)...)
		if v.ValueString() != "" {
			match[name] = v.ValueString()
		}
	}
	var re *regexp.Regexp
	if sp.NameRegex {
		var v types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name_regex"), &v)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name_regex"), v)...)
		if v.ValueString() != "" {
			// Validated at plan time unless it came from an unknown value.
			if re, err = regexp.Compile(v.ValueString()); err != nil {
				resp.Diagnostics.AddAttributeError(path.Root("name_regex"), "Invalid regular expression",
					fmt.Sprintf("homelab_routeros_%s: name_regex: %s", sp.Type, err))
				return
			}
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	t := d.rowTypes()
	elems := []attr.Value{}
rows:
	for _, row := range rows {
		for name, want := range match {
			if f := sp.field(name); !f.Equal(want, row[name]) {
				continue rows
			}
		}
		if re != nil && !re.MatchString(row["name"]) {
			continue
		}
		m := map[string]attr.Value{"id": types.StringValue(row[".id"])}
		for i := range sp.Fields {
			m[sp.Fields[i].AttrName()] = sp.Fields[i].value(row)
		}
		elems = append(elems, types.ObjectValueMust(t, m))
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(sp.Rows), types.ListValueMust(types.ObjectType{AttrTypes: t}, elems))...)
}
