package provider

import (
	"bytes"
	"context"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Server serves p over protocol 6: the framework's server, except that
// the plan of an unchanged object of a resource that says its unchanged
// plan is its prior state is answered here.
//
// Why: a refresh plan of a lab is mostly unchanged objects, and for each
// the framework walks every attribute several times (defaults, write-only
// nulls, computed unknowns, then per-attribute plan modifiers that read
// config, plan and state at the attribute's path and write the plan back),
// allocating for every step. For the resources that opt in, all of those
// passes are no-ops when OpenTofu's proposed new state is the prior state
// (write-only values aside, which the plan nulls) and every attribute the
// configuration leaves to its default already holds it (defaultsHold,
// checked against the framework in TestUnchangedPlanMatchesFramework): no
// default changes a value, nothing is unknown,
// nothing changed that could require a replacement, and their ModifyPlan
// changes nothing. The answer is then the prior state itself.
func Server(p provider.Provider) func() (tfprotov6.ProviderServer, error) {
	newFramework := providerserver.NewProtocol6WithError(p)
	unchangedIsPrior, pure := optIns(p)
	return func() (tfprotov6.ProviderServer, error) {
		fw, err := newFramework()
		if err != nil {
			return nil, err
		}
		return &server{ProviderServer: fw, unchangedIsPrior: unchangedIsPrior, pureValidation: pure}, nil
	}
}

// UnchangedPlanIsPrior is implemented by resources whose plan, when the
// proposed new state equals the prior state and their defaults hold, is the
// prior state unchanged: their attribute plan modifiers act only on a
// change or an unknown value, and their ModifyPlan leaves such a plan as it
// is (see Server).
type UnchangedPlanIsPrior interface {
	UnchangedPlanIsPrior() bool
}

// PriorPlanHolds is implemented by resources that opt in with
// UnchangedPlanIsPrior but whose ModifyPlan can change an unchanged
// object's plan for a reason of its own (a certificate due for renewal):
// after the server's own checks passed, it is asked whether its ModifyPlan
// would leave prior, the prior state, as it is.
type PriorPlanHolds interface {
	PriorPlanHolds(ctx context.Context, prior tftypes.Value) bool
}

type server struct {
	tfprotov6.ProviderServer
	unchangedIsPrior map[string]*priorPlan
	pureValidation   map[string]bool
	validated        sync.Map // validationKey -> *tfprotov6.ValidateResourceConfigResponse
}

// ValidationIsPure is implemented by resources whose configuration checks
// depend on the configuration alone: neither the provider's settings nor a
// device. Their answer for a configuration is kept for the run (see
// ValidateResourceConfig).
type ValidationIsPure interface {
	ValidationIsPure() bool
}

// ValidateResourceConfig answers a configuration it has already validated
// with the same diagnostics. OpenTofu validates every resource twice in a
// plan (the validate walk, then again with the evaluated configuration in
// the plan walk); for a pure validation the second answer is the first.
func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if !s.pureValidation[req.TypeName] || req.Config == nil || len(req.Config.MsgPack) == 0 {
		return s.ProviderServer.ValidateResourceConfig(ctx, req)
	}
	key := validationKey{req.TypeName, string(req.Config.MsgPack), req.ClientCapabilities != nil && req.ClientCapabilities.WriteOnlyAttributesAllowed}
	if resp, ok := s.validated.Load(key); ok {
		return resp.(*tfprotov6.ValidateResourceConfigResponse), nil
	}
	resp, err := s.ProviderServer.ValidateResourceConfig(ctx, req)
	if err == nil {
		s.validated.Store(key, resp)
	}
	return resp, err
}

type validationKey struct {
	typeName, config string
	writeOnly        bool
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if p := s.unchangedIsPrior[req.TypeName]; p != nil && p.isPrior(ctx, req) {
		return &tfprotov6.PlanResourceChangeResponse{
			PlannedState:    req.PriorState,
			PlannedPrivate:  req.PriorPrivate,
			PlannedIdentity: req.PriorIdentity,
		}, nil
	}
	return s.ProviderServer.PlanResourceChange(ctx, req)
}

// priorPlan is what the check that a plan is the prior state needs for a
// resource type that opts in: the state's type, to decode values, where
// the schema's defaults are, and the write-only attributes.
type priorPlan struct {
	stateType tftypes.Type
	defaults  map[string]*defaultNode
	writeOnly map[string]bool // dotted attribute names, element steps left out
	holds     PriorPlanHolds  // nil when the resource has no check of its own
}

func newPriorPlan(ctx context.Context, sch schema.Schema) *priorPlan {
	return &priorPlan{
		stateType: sch.Type().TerraformType(ctx),
		defaults:  defaultsOf(sch.Attributes, sch.Blocks),
		writeOnly: writeOnlyOf("", sch.Attributes, sch.Blocks, map[string]bool{}),
	}
}

// isPrior reports whether the framework's plan would be the prior state:
// OpenTofu proposes the prior state, except for write-only values (which
// the plan nulls, and the prior state never holds), and the defaults hold.
// The encodings are compared first; equal values OpenTofu encodes
// differently only take the framework's path.
func (p *priorPlan) isPrior(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) bool {
	prior, proposed := req.PriorState, req.ProposedNewState
	if prior == nil || proposed == nil || len(prior.MsgPack) == 0 || len(prior.JSON) > 0 || len(proposed.JSON) > 0 || isNull(prior.MsgPack) {
		return false // a create, or not a value this checks
	}
	same := bytes.Equal(prior.MsgPack, proposed.MsgPack)
	if !same && len(p.writeOnly) == 0 || same && len(p.defaults) == 0 && p.holds == nil {
		return same
	}
	priorV, err := prior.Unmarshal(p.stateType)
	if err != nil {
		return false
	}
	if !same {
		proposedV, err := proposed.Unmarshal(p.stateType)
		if err != nil || proposedV.IsNull() {
			return false
		}
		if proposedV, err = p.nullWriteOnly(proposedV); err != nil || !proposedV.Equal(priorV) {
			return false
		}
	}
	if len(p.defaults) > 0 {
		if req.Config == nil || len(req.Config.MsgPack) == 0 {
			return false
		}
		config, err := req.Config.Unmarshal(p.stateType)
		if err != nil || !defaultsHold(ctx, p.defaults, priorV, config, path.Empty()) {
			return false
		}
	}
	return p.holds == nil || p.holds.PriorPlanHolds(ctx, priorV)
}

// nullWriteOnly is v with its write-only values null, as the framework
// plans them.
func (p *priorPlan) nullWriteOnly(v tftypes.Value) (tftypes.Value, error) {
	return tftypes.Transform(v, func(at *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		var name strings.Builder
		for _, step := range at.Steps() {
			if a, ok := step.(tftypes.AttributeName); ok {
				if name.Len() > 0 {
					name.WriteByte('.')
				}
				name.WriteString(string(a))
			}
		}
		if name.Len() > 0 && p.writeOnly[name.String()] && !v.IsNull() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
}

// writeOnlyOf adds the dotted names of the write-only attributes, nested
// ones included, to names.
func writeOnlyOf(prefix string, attrs map[string]schema.Attribute, blocks map[string]schema.Block, names map[string]bool) map[string]bool {
	for name, a := range attrs {
		if a.IsWriteOnly() {
			names[prefix+name] = true
		}
		switch a := a.(type) {
		case schema.SingleNestedAttribute:
			writeOnlyOf(prefix+name+".", a.Attributes, nil, names)
		case schema.ListNestedAttribute:
			writeOnlyOf(prefix+name+".", a.NestedObject.Attributes, nil, names)
		case schema.MapNestedAttribute:
			writeOnlyOf(prefix+name+".", a.NestedObject.Attributes, nil, names)
		case schema.SetNestedAttribute:
			writeOnlyOf(prefix+name+".", a.NestedObject.Attributes, nil, names)
		}
	}
	for name, b := range blocks {
		switch b := b.(type) {
		case schema.SingleNestedBlock:
			writeOnlyOf(prefix+name+".", b.Attributes, b.Blocks, names)
		case schema.ListNestedBlock:
			writeOnlyOf(prefix+name+".", b.NestedObject.Attributes, b.NestedObject.Blocks, names)
		case schema.SetNestedBlock:
			writeOnlyOf(prefix+name+".", b.NestedObject.Attributes, b.NestedObject.Blocks, names)
		}
	}
	return names
}

// isNull reports whether a msgpack value is nil (0xc0).
func isNull(msgpack []byte) bool { return len(msgpack) == 1 && msgpack[0] == 0xc0 }

// optIns lists the resource types that implement UnchangedPlanIsPrior and
// ValidationIsPure.
func optIns(p provider.Provider) (unchangedIsPrior map[string]*priorPlan, pureValidation map[string]bool) {
	ctx := context.Background()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	unchangedIsPrior, pureValidation = map[string]*priorPlan{}, map[string]bool{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		if u, ok := r.(UnchangedPlanIsPrior); ok && u.UnchangedPlanIsPrior() {
			var sr resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sr)
			if !sr.Diagnostics.HasError() {
				plan := newPriorPlan(ctx, sr.Schema)
				plan.holds, _ = r.(PriorPlanHolds)
				unchangedIsPrior[m.TypeName] = plan
			}
		}
		if v, ok := r.(ValidationIsPure); ok && v.ValidationIsPure() {
			pureValidation[m.TypeName] = true
		}
	}
	return unchangedIsPrior, pureValidation
}
