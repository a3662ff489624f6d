package provider

import (
	"bytes"
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
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
// passes are no-ops when OpenTofu's proposed new state is the prior state:
// no default applies (the prior state holds the values), nothing is
// unknown, nothing changed that could require a replacement, and their
// ModifyPlan returns at once. The answer is then the prior state itself.
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
// proposed new state equals the prior state, is the prior state unchanged
// (see Server).
type UnchangedPlanIsPrior interface {
	UnchangedPlanIsPrior() bool
}

type server struct {
	tfprotov6.ProviderServer
	unchangedIsPrior map[string]bool
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
	if s.unchangedIsPrior[req.TypeName] && unchanged(req) {
		return &tfprotov6.PlanResourceChangeResponse{
			PlannedState:    req.ProposedNewState,
			PlannedPrivate:  req.PriorPrivate,
			PlannedIdentity: req.PriorIdentity,
		}, nil
	}
	return s.ProviderServer.PlanResourceChange(ctx, req)
}

// unchanged reports whether OpenTofu proposes the prior state as it is. The
// encodings are compared: equal values OpenTofu encodes differently only
// take the framework's path.
func unchanged(req *tfprotov6.PlanResourceChangeRequest) bool {
	prior, proposed := req.PriorState, req.ProposedNewState
	if prior == nil || proposed == nil || len(prior.MsgPack) == 0 || len(prior.JSON) > 0 || len(proposed.JSON) > 0 {
		return false
	}
	if isNull(prior.MsgPack) {
		return false // a create
	}
	return bytes.Equal(prior.MsgPack, proposed.MsgPack)
}

// isNull reports whether a msgpack value is nil (0xc0).
func isNull(msgpack []byte) bool { return len(msgpack) == 1 && msgpack[0] == 0xc0 }

// optIns lists the resource types that implement UnchangedPlanIsPrior and
// ValidationIsPure.
func optIns(p provider.Provider) (unchangedIsPrior, pureValidation map[string]bool) {
	ctx := context.Background()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	unchangedIsPrior, pureValidation = map[string]bool{}, map[string]bool{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		if u, ok := r.(UnchangedPlanIsPrior); ok && u.UnchangedPlanIsPrior() {
			unchangedIsPrior[m.TypeName] = true
		}
		if v, ok := r.(ValidationIsPure); ok && v.ValidationIsPure() {
			pureValidation[m.TypeName] = true
		}
	}
	return unchangedIsPrior, pureValidation
}
