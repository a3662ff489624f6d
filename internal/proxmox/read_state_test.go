package proxmox

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/homelab-iac/terraform-provider-homelab/internal/tfmodel"
)

// TestReadStateLikeFramework: the guests' Read converts state with
// tfmodel; for sample containers and VMs, nested values set, null and
// empty, it gives the values and structs the framework's State.Set and
// State.Get give.
func TestReadStateLikeFramework(t *testing.T) {
	ctx := context.Background()
	lxcSchema, vmSchema := schemaOf(t, newLXCResource()), schemaOf(t, newVMResource())
	lxcBare, vmBare := sampleLXC(), sampleVM()
	lxcBare.RootFS, lxcBare.Features, lxcBare.MountPoints, lxcBare.Networks = nil, nil, nil, []lxcNet{}
	vmBare.Disks, vmBare.Networks = nil, nil
	for name, c := range map[string]struct {
		schema tfsdk.State
		model  func() any
		empty  func() any
	}{
		"lxc":      {tfsdk.State{Schema: lxcSchema}, func() any { m := sampleLXC(); m.Timeouts = nullTimeouts(t, lxcSchema); return &m }, func() any { return &lxcModel{} }},
		"lxc bare": {tfsdk.State{Schema: lxcSchema}, func() any { m := lxcBare; m.Timeouts = nullTimeouts(t, lxcSchema); return &m }, func() any { return &lxcModel{} }},
		"vm":       {tfsdk.State{Schema: vmSchema}, func() any { m := sampleVM(); m.Timeouts = nullTimeouts(t, vmSchema); return &m }, func() any { return &vmModel{} }},
		"vm bare":  {tfsdk.State{Schema: vmSchema}, func() any { m := vmBare; m.Timeouts = nullTimeouts(t, vmSchema); return &m }, func() any { return &vmModel{} }},
	} {
		st := c.schema
		if d := st.Set(ctx, c.model()); d.HasError() {
			t.Fatalf("%s: framework Set: %v", name, d)
		}
		raw, err := tfmodel.Value(ctx, st.Schema.Type(), c.model())
		if err != nil {
			t.Fatalf("%s: tfmodel.Value: %v", name, err)
		}
		if !raw.Equal(st.Raw) {
			diffs, _ := raw.Diff(st.Raw)
			t.Errorf("%s: tfmodel.Value differs from State.Set: %v", name, diffs)
		}
		fromFramework, fromModel := c.empty(), c.empty()
		if d := st.Get(ctx, fromFramework); d.HasError() {
			t.Fatalf("%s: framework Get: %v", name, d)
		}
		if err := tfmodel.Get(ctx, st.Raw, st.Schema.Type(), fromModel); err != nil {
			t.Fatalf("%s: tfmodel.Get: %v", name, err)
		}
		if !reflect.DeepEqual(fromFramework, fromModel) {
			t.Errorf("%s: tfmodel.Get gives\n%+v\nState.Get gives\n%+v", name, fromModel, fromFramework)
		}
	}
	// A value that does not fit the model is an error, not a guess.
	var m lxcModel
	bad := tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}},
		map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, "x")})
	if err := tfmodel.Get(ctx, bad, lxcSchema.Type(), &m); err == nil {
		t.Error("tfmodel.Get took an object with one attribute into the container model")
	}
}

func schemaOf(t *testing.T, r resource.Resource) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}

func nullTimeouts(t *testing.T, s schema.Schema) timeouts.Value {
	t.Helper()
	typ := s.Type().(attr.TypeWithAttributeTypes).AttributeTypes()["timeouts"]
	v, err := typ.ValueFromTerraform(context.Background(), tftypes.NewValue(typ.TerraformType(context.Background()), nil))
	if err != nil {
		t.Fatal(err)
	}
	return v.(timeouts.Value)
}
