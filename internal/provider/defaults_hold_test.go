package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestUnchangedPlanMatchesFramework: for every unchanged object of a schema
// with defaults at the top level, in a nested object, in list elements and
// in set elements, with each defaulted value either left to the default in
// the configuration or set there, and a write-only value set or not, the
// server's plan is the framework's own.
// When a drifted value sits where the configuration leaves the default,
// the framework plans the default back, and so must the server.
func TestUnchangedPlanMatchesFramework(t *testing.T) {
	ctx := context.Background()
	p := defaultsProvider{}
	fw, err := providerserver.NewProtocol6WithError(p)()
	if err != nil {
		t.Fatal(err)
	}
	optedIn, _ := optIns(p)
	plan := optedIn["t_thing"]
	if plan == nil || len(plan.defaults) != 5 {
		t.Fatalf("defaults found: %+v, want flag, n, obj, items and tags", plan)
	}
	s := &server{ProviderServer: fw, unchangedIsPrior: optedIn}
	typ := plan.stateType

	shortcuts, framework := 0, 0
	for _, c := range unchangedCases(typ) {
		req := &tfprotov6.PlanResourceChangeRequest{TypeName: "t_thing",
			PriorState: dynamic(t, typ, c.prior), ProposedNewState: dynamic(t, typ, c.proposed), Config: dynamic(t, typ, c.config)}
		want, err := fw.PlanResourceChange(ctx, req)
		if err != nil || len(want.Diagnostics) > 0 {
			t.Fatalf("%s: framework: %v %v", c.name, err, want.Diagnostics)
		}
		got, err := s.PlanResourceChange(ctx, req)
		if err != nil || len(got.Diagnostics) > 0 {
			t.Fatalf("%s: server: %v %v", c.name, err, got.Diagnostics)
		}
		wantV, _ := want.PlannedState.Unmarshal(typ)
		gotV, _ := got.PlannedState.Unmarshal(typ)
		if !wantV.Equal(gotV) {
			t.Errorf("%s: server planned\n%v\nframework planned\n%v", c.name, gotV, wantV)
		}
		if plan.isPrior(ctx, req) {
			shortcuts++
		} else {
			framework++
			// Only set elements (matched by value) are left to the
			// framework when its plan is the prior state.
			if wantV.Equal(c.prior) && !c.setElements {
				t.Errorf("%s: the framework plans the prior state, but the shortcut did not answer", c.name)
			}
		}
	}
	// Both paths must have been taken, or the comparison proves little.
	if shortcuts == 0 || framework == 0 {
		t.Errorf("%d plans answered by the shortcut, %d by the framework; want both", shortcuts, framework)
	}
	t.Logf("%d plans answered by the shortcut, %d by the framework", shortcuts, framework)
}

type defaultsCase struct {
	name                    string
	prior, proposed, config tftypes.Value
	setElements             bool // the prior state has elements in the set "tags"
}

// unchangedCases builds prior states with each defaulted value at its
// default or drifted, and for each the configurations whose proposed new
// state is that prior state: each defaulted value left null (OpenTofu then
// proposes the prior value) or set to the prior value. A write-only value,
// never in the prior state, is proposed as configured.
func unchangedCases(typ tftypes.Type) []defaultsCase {
	ot := typ.(tftypes.Object)
	objT := ot.AttributeTypes["obj"].(tftypes.Object)
	itemT := ot.AttributeTypes["items"].(tftypes.List).ElementType.(tftypes.Object)
	tagT := ot.AttributeTypes["tags"].(tftypes.Set).ElementType.(tftypes.Object)
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	boolV := func(b bool) tftypes.Value { return tftypes.NewValue(tftypes.Bool, b) }
	num := func(n int) tftypes.Value { return tftypes.NewValue(tftypes.Number, n) }
	// orNull is v, or null when the configuration leaves it to the default.
	orNull := func(v tftypes.Value, leave bool) tftypes.Value {
		if leave {
			return tftypes.NewValue(v.Type(), nil)
		}
		return v
	}
	type pair struct{ prior, config tftypes.Value }
	leaves := []bool{true, false}

	var flags, ns []pair
	for _, b := range []bool{true, false} {
		for _, l := range leaves {
			flags = append(flags, pair{boolV(b), orNull(boolV(b), l)})
		}
	}
	for _, n := range []int{5, 7} {
		for _, l := range leaves {
			ns = append(ns, pair{num(n), orNull(num(n), l)})
		}
	}
	objs := []pair{{tftypes.NewValue(objT, nil), tftypes.NewValue(objT, nil)}}
	items := []pair{{tftypes.NewValue(ot.AttributeTypes["items"], []tftypes.Value{}), tftypes.NewValue(ot.AttributeTypes["items"], []tftypes.Value{})}}
	for _, b := range []bool{true, false} {
		for _, l := range leaves {
			objs = append(objs, pair{
				tftypes.NewValue(objT, map[string]tftypes.Value{"x": boolV(b)}),
				tftypes.NewValue(objT, map[string]tftypes.Value{"x": orNull(boolV(b), l)})})
			item := func(on tftypes.Value) tftypes.Value {
				return tftypes.NewValue(itemT, map[string]tftypes.Value{"name": str("a"), "on": on})
			}
			items = append(items, pair{
				tftypes.NewValue(ot.AttributeTypes["items"], []tftypes.Value{item(boolV(false)), item(boolV(b))}),
				tftypes.NewValue(ot.AttributeTypes["items"], []tftypes.Value{item(tftypes.NewValue(tftypes.Bool, nil)), item(orNull(boolV(b), l))})})
		}
	}
	tag := func(k tftypes.Value) tftypes.Value { return tftypes.NewValue(tagT, map[string]tftypes.Value{"k": k}) }
	tags := []pair{
		{tftypes.NewValue(ot.AttributeTypes["tags"], nil), tftypes.NewValue(ot.AttributeTypes["tags"], nil)},
		{tftypes.NewValue(ot.AttributeTypes["tags"], []tftypes.Value{tag(str("a"))}), tftypes.NewValue(ot.AttributeTypes["tags"], []tftypes.Value{tag(str("a"))})},
		{tftypes.NewValue(ot.AttributeTypes["tags"], []tftypes.Value{tag(str("b"))}), tftypes.NewValue(ot.AttributeTypes["tags"], []tftypes.Value{tag(str("b"))})},
	}

	var cases []defaultsCase
	for fi, f := range flags {
		for ni, n := range ns {
			for oi, o := range objs {
				for ii, i := range items {
					for ti, tg := range tags {
						for _, secret := range []tftypes.Value{tftypes.NewValue(tftypes.String, nil), str("s")} {
							value := func(id, flag, n, obj, items, tags, secret tftypes.Value) tftypes.Value {
								return tftypes.NewValue(ot, map[string]tftypes.Value{
									"id": id, "flag": flag, "n": n, "obj": obj, "items": items, "tags": tags, "secret": secret})
							}
							noSecret := tftypes.NewValue(tftypes.String, nil)
							cases = append(cases, defaultsCase{
								name:        fmt.Sprintf("flag%d n%d obj%d items%d tags%d secret %v", fi, ni, oi, ii, ti, secret),
								prior:       value(str("x"), f.prior, n.prior, o.prior, i.prior, tg.prior, noSecret),
								proposed:    value(str("x"), f.prior, n.prior, o.prior, i.prior, tg.prior, secret),
								config:      value(noSecret, f.config, n.config, o.config, i.config, tg.config, secret),
								setElements: ti > 0,
							})
						}
					}
				}
			}
		}
	}
	return cases
}

func dynamic(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

type defaultsProvider struct{}

func (defaultsProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "t"
}
func (defaultsProvider) Schema(context.Context, fwprovider.SchemaRequest, *fwprovider.SchemaResponse) {
}
func (defaultsProvider) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}
func (defaultsProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (defaultsProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return defaultsThing{} }}
}

// defaultsThing has defaults everywhere the framework applies them.
type defaultsThing struct{}

func (defaultsThing) UnchangedPlanIsPrior() bool { return true }

func (defaultsThing) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}

func (defaultsThing) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":     schema.StringAttribute{Computed: true},
		"secret": schema.StringAttribute{Optional: true, WriteOnly: true},
		"flag":   schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true)},
		"n":      schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(5)},
		"obj": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"x": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
		}},
		"items": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Required: true},
			"on":   schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
		}}},
		"tags": schema.SetNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"k": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("a")},
		}}},
	}}
}

func (defaultsThing) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (defaultsThing) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (defaultsThing) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (defaultsThing) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
