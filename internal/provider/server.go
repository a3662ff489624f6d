package provider

import (
	"bytes"
	"context"

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
	types := unchangedPlanTypes(p)
	return func() (tfprotov6.ProviderServer, error) {
		fw, err := newFramework()
		if err != nil {
			return nil, err
		}
		return &server{ProviderServer: fw, unchangedIsPrior: types}, nil
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

func unchangedPlanTypes(p provider.Provider) map[string]bool {
	ctx := context.Background()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	types := map[string]bool{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		if u, ok := r.(UnchangedPlanIsPrior); ok && u.UnchangedPlanIsPrior() {
			var m resource.MetadataResponse
			r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
			types[m.TypeName] = true
		}
	}
	return types
}
