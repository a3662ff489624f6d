package menu

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// ModifyPlan applies the engine's plan-time rules: a value the router spells
// differently from the configuration is no change, and a singleton is owned
// by one resource and never taken over silently.
func (r *Resource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	// Most resources of a refresh plan are unchanged: nothing to compare.
	changed := !req.Plan.Raw.Equal(req.State.Raw)
	if !changed && !r.spec.Singleton {
		return
	}
	plan := r.get(ctx, req.Plan.Raw, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if changed && !req.State.Raw.IsNull() {
		state := r.get(ctx, req.State.Raw, &resp.Diagnostics)
		keepPriorSpelling(ctx, r.spec.Fields, plan, state, path.Root, resp)
	}
	if changed {
		r.checkVersion(ctx, plan, &resp.Diagnostics)
	}
	if r.spec.Singleton {
		r.planSingleton(ctx, req, resp, plan)
	}
}

// ModifyPlan applies the engine's plan-time rules to a chain: its rules'
// values spelled differently by the router are no change, the chain has one
// owner, and a create never silently takes over existing rules.
func (c *Chain) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan chainState
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Chain.IsUnknown() || plan.Rule.IsUnknown() {
		return
	}
	rules := c.rules(plan.Rule)
	if !req.State.Raw.IsNull() && !req.Plan.Raw.Equal(req.State.Raw) {
		var state chainState
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		prior := c.rules(state.Rule)
		for i := range min(len(rules), len(prior)) {
			at := func(attr string) path.Path { return path.Root("rule").AtListIndex(i).AtName(attr) }
			keepPriorSpelling(ctx, c.spec.Rule, rules[i], prior[i], at, resp)
		}
		// Every rule only spelled otherwise than the router prints it: the
		// rules (and their ids) stay as they are.
		if len(rules) == len(prior) && sameRules(c.spec.Rule, rules, prior) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("rule"), state.Rule)...)
		}
	}
	c.planChain(ctx, req, resp, plan, rules)
}

// keepPriorSpelling plans the prior state's value for every field whose
// configured value means the same on the router (`24h` for `1d`, MAC case):
// OpenTofu accepts the prior value for a non-computed attribute as the
// provider's word that both are equivalent, so an import of a router
// configured by hand plans no change. A ForceNew field spelled differently
// no longer forces a replacement.
func keepPriorSpelling(ctx context.Context, fields []Field, plan, state vals, at func(string) path.Path, resp *resource.ModifyPlanResponse) {
	for i := range fields {
		f := &fields[i]
		a := f.AttrName()
		pv, sv := plan[a], state[a]
		ps, pok := f.toDevice(pv)
		ss, sok := f.toDevice(sv)
		if !pok || !sok || pv.Equal(sv) || !f.Equal(ps, ss) {
			continue
		}
		p := at(a)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, p, sv)...)
		if f.ForceNew {
			resp.RequiresReplace = slices.DeleteFunc(resp.RequiresReplace, p.Equal)
		}
	}
}

// sameRules reports whether planned rules mean the same on the router as
// the prior ones (ids aside).
func sameRules(fields []Field, plan, prior []vals) bool {
	for i := range plan {
		for j := range fields {
			f := &fields[j]
			pv, sv := plan[i][f.AttrName()], prior[i][f.AttrName()]
			if pv != nil && pv.IsUnknown() {
				return false
			}
			ps, pok := f.toDevice(pv)
			ss, sok := f.toDevice(sv)
			if pok != sok || pok && !f.Equal(ps, ss) {
				return false
			}
		}
	}
	return true
}
