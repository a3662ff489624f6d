package routeros_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	emulator "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros"
)

// newResource is the provider's resource of a type, configured for a router.
func newResource(t *testing.T, typ string, s *providerdata.RouterOSSettings) (resource.Resource, resource.SchemaResponse) {
	t.Helper()
	ctx := context.Background()
	for _, newRes := range routeros.Resources() {
		r := newRes()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "homelab"}, &m)
		if m.TypeName != typ {
			continue
		}
		var cr resource.ConfigureResponse
		r.(resource.ResourceWithConfigure).Configure(ctx, resource.ConfigureRequest{ProviderData: &providerdata.Data{RouterOS: s}}, &cr)
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		return r, sr
	}
	t.Fatalf("no resource %s", typ)
	return nil, resource.SchemaResponse{}
}

// planValue is a create plan: the given attributes, id unknown, the rest null.
func planValue(t *testing.T, sr resource.SchemaResponse, set map[string]tftypes.Value) tftypes.Value {
	t.Helper()
	typ := sr.Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		switch v, ok := set[name]; {
		case ok:
			vals[name] = v
		case name == "id":
			vals[name] = tftypes.NewValue(at, tftypes.UnknownValue)
		default:
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

// createInterrupted runs Create with a context cancelled (as OpenTofu does on
// SIGINT) as soon as menu holds rows rows on the router.
func createInterrupted(r resource.Resource, sr resource.SchemaResponse, plan tftypes.Value, srv *emulator.Server, menu string, rows int) resource.CreateResponse {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			if got, _ := srv.Run(menu + "/print"); len(got) >= rows {
				cancel()
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	resp := resource.CreateResponse{State: tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(plan.Type(), nil)}}
	r.Create(ctx, resource.CreateRequest{Plan: tfsdk.Plan{Schema: sr.Schema, Raw: plan}}, &resp)
	return resp
}

// TestInterruptedAddKeepsRow: an apply interrupted (its context cancelled,
// as on SIGINT) after the router executed the add but before its reply
// arrived keeps the row's id in state with the error, so the row is tracked
// (tainted) instead of orphaned. Before, the state was empty and the next
// apply failed with "already have interface with such name".
func TestInterruptedAddKeepsRow(t *testing.T) {
	srv, err := emulator.Start(emulator.Config{Users: map[string]string{"admin": "pw"}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	r, sr := newResource(t, "homelab_routeros_interface_vlan", &providerdata.RouterOSSettings{
		URL: "api://" + srv.Addr(), Username: "admin", Password: "pw", Timeout: 10 * time.Second})
	plan := planValue(t, sr, map[string]tftypes.Value{
		"name":      tftypes.NewValue(tftypes.String, "vlan10"),
		"vlan_id":   tftypes.NewValue(tftypes.Number, 10),
		"interface": tftypes.NewValue(tftypes.String, "ether2"),
	})

	srv.SetLatency(400 * time.Millisecond) // the add's reply is late
	resp := createInterrupted(r, sr, plan, srv, "/interface/vlan", 1)

	if !resp.Diagnostics.HasError() {
		t.Fatal("an interrupted create reported success")
	}
	if msg := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(msg, "interrupted") {
		t.Errorf("error does not say the apply was interrupted: %s", msg)
	}
	rows, err := srv.Run("/interface/vlan/print")
	if err != nil || len(rows) != 1 {
		t.Fatalf("router rows: %v %v", rows, err)
	}
	var id string
	if resp.State.Raw.IsNull() {
		t.Fatal("no state kept for a row the router added")
	}
	resp.Diagnostics.Append(resp.State.GetAttribute(context.Background(), path.Root("id"), &id)...)
	if id != rows[0][".id"] {
		t.Errorf("state id = %q, router row %q", id, rows[0][".id"])
	}
}

// TestInterruptedChainCreateKeepsWrittenRules: a chain create interrupted
// after some rules were added keeps those rules in state (tainted), so the
// next apply replaces them instead of finding a chain it refuses to take over.
func TestInterruptedChainCreateKeepsWrittenRules(t *testing.T) {
	srv, err := emulator.Start(emulator.Config{Users: map[string]string{"admin": "pw"}})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	r, sr := newResource(t, "homelab_routeros_ip_firewall_filter", &providerdata.RouterOSSettings{
		URL: "api://" + srv.Addr(), Username: "admin", Password: "pw", Timeout: 10 * time.Second})
	ruleList := sr.Schema.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes["rule"].(tftypes.List)
	ruleType := ruleList.ElementType.(tftypes.Object)
	var rules []tftypes.Value
	for _, comment := range []string{"one", "two", "three"} {
		attrs := map[string]tftypes.Value{}
		for name, at := range ruleType.AttributeTypes {
			attrs[name] = tftypes.NewValue(at, nil)
		}
		attrs["id"] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		attrs["action"] = tftypes.NewValue(tftypes.String, "accept")
		attrs["comment"] = tftypes.NewValue(tftypes.String, comment)
		rules = append(rules, tftypes.NewValue(ruleType, attrs))
	}
	plan := planValue(t, sr, map[string]tftypes.Value{
		"chain": tftypes.NewValue(tftypes.String, "forward"),
		"rule":  tftypes.NewValue(ruleList, rules),
	})

	srv.SetLatency(200 * time.Millisecond)
	resp := createInterrupted(r, sr, plan, srv, "/ip/firewall/filter", 2) // after the second rule

	if !resp.Diagnostics.HasError() {
		t.Fatal("an interrupted create reported success")
	}
	if resp.State.Raw.IsNull() {
		t.Fatal("no state kept for the rules the router added")
	}
	rows, err := srv.Run("/ip/firewall/filter/print")
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows {
		var id string
		if d := resp.State.GetAttribute(context.Background(), path.Root("rule").AtListIndex(i).AtName("id"), &id); d.HasError() {
			t.Fatalf("rule[%d] missing from state: router has %d rows", i, len(rows))
		}
		if id != rows[i][".id"] {
			t.Errorf("state rule[%d].id = %q, router row %q", i, id, rows[i][".id"])
		}
	}
	if len(rows) < 2 {
		t.Errorf("router has %d rules, want at least the 2 added before the interrupt", len(rows))
	}
}
