package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestUnchangedPlanTypes(t *testing.T) {
	types, pure := optIns(New("test")())
	if !pure["homelab_routeros_ip_address"] || pure["homelab_routeros_certificate"] || !pure["homelab_proxmox_lxc"] || pure["homelab_proxmox_node_certificate"] {
		t.Errorf("pure validation: ip_address %v, certificate %v, proxmox_lxc %v, proxmox_node_certificate %v; want true, false, true, false",
			pure["homelab_routeros_ip_address"], pure["homelab_routeros_certificate"], pure["homelab_proxmox_lxc"], pure["homelab_proxmox_node_certificate"])
	}
	for name, want := range map[string]bool{
		"homelab_routeros_ip_address":         true,
		"homelab_routeros_interface_vlan":     true,
		"homelab_routeros_system_identity":    false, // a settings menu checks every plan
		"homelab_routeros_ip_firewall_filter": false, // a chain checks its owner every plan
		"homelab_proxmox_lxc":                 true,  // when its defaults hold
		"homelab_proxmox_storage":             false, // its ModifyPlan fills what the config leaves null
		"homelab_vault_pki_certificate":       true,  // unless its renewal is due (PriorPlanHolds)
		"homelab_vault_pki_root_ca":           false,
	} {
		if (types[name] != nil) != want {
			t.Errorf("%s answers its unchanged plan with the prior state: %v, want %v", name, types[name] != nil, want)
		}
	}
	if c := types["homelab_vault_pki_certificate"]; c != nil && c.holds == nil {
		t.Error("the certificate's unchanged plan is answered without asking whether its renewal is due")
	}
	// A container's plan is checked for its defaults, nested ones included,
	// and compared without its write-only values.
	if lxc := types["homelab_proxmox_lxc"]; lxc != nil {
		if lxc.defaults["started"] == nil || lxc.defaults["features"] == nil || lxc.defaults["features"].children["fuse"] == nil ||
			lxc.defaults["network"] == nil || lxc.defaults["hostname"] != nil {
			t.Errorf("container defaults found: %v", lxc.defaults)
		}
		if !lxc.writeOnly["ostemplate"] || !lxc.writeOnly["password"] || lxc.writeOnly["hostname"] {
			t.Errorf("container write-only attributes found: %v", lxc.writeOnly)
		}
	}
}

// TestUnchangedPlanIsPrior: an unchanged object's plan is its prior state,
// answered without the framework; any other plan goes to the framework.
func TestUnchangedPlanIsPrior(t *testing.T) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.String}}
	val := func(v any) *tfprotov6.DynamicValue {
		var tv tftypes.Value
		if v == nil {
			tv = tftypes.NewValue(typ, nil)
		} else {
			tv = tftypes.NewValue(typ, map[string]tftypes.Value{"a": tftypes.NewValue(tftypes.String, v)})
		}
		dv, err := tfprotov6.NewDynamicValue(typ, tv)
		if err != nil {
			t.Fatal(err)
		}
		return &dv
	}
	fw := &recordingServer{}
	s := &server{ProviderServer: fw, unchangedIsPrior: map[string]*priorPlan{"homelab_x": {stateType: typ}}}
	ctx := context.Background()
	prior := val("one")
	resp, err := s.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: "homelab_x", PriorState: prior, ProposedNewState: val("one"), PriorPrivate: []byte("p")})
	if err != nil || fw.calls != 0 || resp.PlannedState != nil && string(resp.PlannedState.MsgPack) != string(prior.MsgPack) || string(resp.PlannedPrivate) != "p" {
		t.Fatalf("unchanged: framework called %d times, resp %+v, err %v", fw.calls, resp, err)
	}
	for name, req := range map[string]*tfprotov6.PlanResourceChangeRequest{
		"changed":        {TypeName: "homelab_x", PriorState: prior, ProposedNewState: val("two")},
		"create":         {TypeName: "homelab_x", PriorState: val(nil), ProposedNewState: val(nil)},
		"destroy":        {TypeName: "homelab_x", PriorState: prior, ProposedNewState: val(nil)},
		"not opted in":   {TypeName: "homelab_y", PriorState: prior, ProposedNewState: val("one")},
		"no prior state": {TypeName: "homelab_x", ProposedNewState: val("one")},
	} {
		before := fw.calls
		if _, err := s.PlanResourceChange(ctx, req); err != nil {
			t.Fatal(err)
		}
		if fw.calls != before+1 {
			t.Errorf("%s: not planned by the framework", name)
		}
	}
}

type recordingServer struct {
	tfprotov6.ProviderServer
	calls, validations int
}

func (r *recordingServer) ValidateResourceConfig(context.Context, *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	r.validations++
	return &tfprotov6.ValidateResourceConfigResponse{}, nil
}

func (r *recordingServer) PlanResourceChange(context.Context, *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	r.calls++
	return &tfprotov6.PlanResourceChangeResponse{}, nil
}

// TestPureValidationAnsweredOnce: a configuration validated once is answered
// from the first answer; another configuration, or a type that did not opt
// in, goes to the framework.
func TestPureValidationAnsweredOnce(t *testing.T) {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.String}}
	cfg := func(v string) *tfprotov6.DynamicValue {
		dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, map[string]tftypes.Value{"a": tftypes.NewValue(tftypes.String, v)}))
		if err != nil {
			t.Fatal(err)
		}
		return &dv
	}
	fw := &recordingServer{}
	s := &server{ProviderServer: fw, pureValidation: map[string]bool{"homelab_x": true}}
	ctx := context.Background()
	for i, c := range []struct {
		typ, val string
		calls    int
	}{{"homelab_x", "one", 1}, {"homelab_x", "one", 1}, {"homelab_x", "two", 2}, {"homelab_y", "one", 3}, {"homelab_y", "one", 4}} {
		resp, err := s.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: c.typ, Config: cfg(c.val)})
		if err != nil || resp == nil || fw.validations != c.calls {
			t.Fatalf("call %d (%s %s): framework validated %d times, want %d (resp %v, err %v)", i, c.typ, c.val, fw.validations, c.calls, resp, err)
		}
	}
}
