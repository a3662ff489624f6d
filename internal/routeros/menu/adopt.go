package menu

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
)

// A resource that owns a whole chain or a settings singleton must never take
// over what the router already holds without being told: its create is
// refused with the import to use, unless adopt_existing = true, in which case
// the plan warns about everything the apply will overwrite or remove.

const adoptAttr = "adopt_existing"

func adoptSchema(what string) schema.BoolAttribute {
	return schema.BoolAttribute{Optional: true, MarkdownDescription: "Only read at create. When the router already holds " + what +
		", create is refused (with the import to use) unless this is `true`; then the plan lists what the apply will overwrite " +
		"or remove, and apply takes it over. Importing is the safer way to adopt a router configured by hand."}
}

// planClient is the RouterOS client for checks made at plan time, or nil
// when it cannot be had then (no routeros block, settings not yet known):
// the same checks run again at apply.
func planClient(data *providerdata.Data) *client.Client {
	if data == nil || data.RouterOS == nil || data.RouterOS.URL == "" {
		return nil
	}
	var diags diag.Diagnostics
	return Client(data, &diags)
}

// importBlock is the HCL a refusal tells the user to add.
func importBlock(typ, id string) string {
	return fmt.Sprintf("import {\n  to = %s.<name>\n  id = %q\n}", typ, id)
}

// describeRow shows a row in a message: its id and the fields of the spec
// it holds, in spec order.
func describeRow(fields []Field, row client.Row) string {
	parts := []string{row[".id"]}
	for i := range fields {
		f := &fields[i]
		v, ok := row[f.Name]
		if ok && v != "" && f.Mode != ReadOnly && !f.Sensitive && (f.Mode == Required || f.Default == "" || !f.Equal(v, f.Default)) {
			if strings.ContainsAny(v, " \"") {
				v = fmt.Sprintf("%q", v)
			}
			parts = append(parts, f.Name+"="+v)
		}
	}
	return strings.Join(parts, " ")
}

// chainTakeover checks a chain create against the rows the chain already
// has. It returns an error to refuse with, or the warning to show when the
// user asked to adopt ("" and nil when the chain is empty).
func (c *Chain) chainTakeover(chain string, cur []client.Row, want []vals, adopt bool) (warning string, err error) {
	if len(cur) == 0 {
		return "", nil
	}
	typ := "homelab_routeros_" + c.spec.Type
	var lines []string
	for _, r := range cur {
		lines = append(lines, "  "+describeRow(c.spec.Rule, r))
	}
	if !adopt {
		return "", fmt.Errorf("%s %q: chain %s of %s already has %d rule(s) on the router:\n%s\n"+
			"This resource owns the whole chain and would remove them. Import the chain to manage it as it is:\n%s\n"+
			"(or `tofu import %s.<name> %s`), or set %s = true to replace those rules with the rule list. If another resource "+
			"of this configuration managed the chain and was renamed, use a `moved` block instead.",
			typ, chain, chain, c.spec.Path, len(cur), strings.Join(lines, "\n"), importBlock(typ, chain), typ, chain, adoptAttr)
	}
	_, used := c.matchRules(cur, want)
	var gone []string
	for j, r := range cur {
		if !used[j] {
			gone = append(gone, "  "+describeRow(c.spec.Rule, r))
		}
	}
	if len(gone) == 0 {
		return "", nil
	}
	return fmt.Sprintf("%s %q adopts chain %s of %s: apply will remove or rewrite these %d existing rule(s):\n%s",
		typ, chain, chain, c.spec.Path, len(gone), strings.Join(gone, "\n")), nil
}

// singletonTakeover compares a singleton's planned fields with what the
// router holds: a field set by hand (not the router's default) that the plan
// would change is configuration the create would silently overwrite.
func (r *Resource) singletonTakeover(plan vals, row client.Row, adopt bool) (warning string, err error) {
	var changes []string
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		if f.Mode == ReadOnly {
			continue
		}
		want, ok := f.toDevice(plan[f.AttrName()])
		have := row[f.Name]
		if !ok || have == "" || f.Default != "" && f.Equal(have, f.Default) || f.Equal(want, have) {
			continue
		}
		if f.Sensitive {
			have, want = "(sensitive)", "(sensitive)"
		}
		changes = append(changes, fmt.Sprintf("  %s: %q -> %q", f.AttrName(), have, want))
	}
	if len(changes) == 0 {
		return "", nil
	}
	typ := r.spec.FullType()
	if !adopt {
		return "", fmt.Errorf("%s: %s already holds configuration that this create would overwrite:\n%s\n"+
			"Import it first, so the plan shows the change:\n%s\n(or `tofu import %s.<name> %s`), or set %s = true.",
			typ, r.spec.Path, strings.Join(changes, "\n"), importBlock(typ, r.spec.Path), typ, r.spec.Path, adoptAttr)
	}
	return fmt.Sprintf("%s adopts %s: apply will overwrite:\n%s", typ, r.spec.Path, strings.Join(changes, "\n")), nil
}

func boolTrue(v any) bool {
	b, ok := v.(types.Bool)
	return ok && b.ValueBool()
}

// planSingleton refuses (or, with adopt_existing, warns about) a singleton
// create that would overwrite hand-made settings, already at plan time.
func (r *Resource) planSingleton(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, plan vals) {
	claimOwnership(r.data, r.spec.FullType(), r.spec.Path, req.State.Raw, req.Plan.Raw,
		"the one setting "+r.describePlan(plan), &resp.Diagnostics, path.Root("id"))
	if !req.State.Raw.IsNull() {
		return
	}
	c := planClient(r.data)
	if c == nil {
		return
	}
	row, err := r.row(ctx, c, "", true)
	if err != nil {
		return // refresh and apply report it
	}
	warn, err := r.singletonTakeover(plan, row, boolTrue(plan[adoptAttr]))
	r.reportTakeover(&resp.Diagnostics, warn, err)
}

func (r *Resource) reportTakeover(diags *diag.Diagnostics, warn string, err error) {
	if err != nil {
		diags.AddAttributeError(path.Root(adoptAttr), "Router already configured", err.Error())
	} else if warn != "" {
		diags.AddAttributeWarning(path.Root(adoptAttr), "Existing configuration will be overwritten", warn)
	}
}

// planChain claims the chain for this resource and refuses (or, with
// adopt_existing, warns about) a create over rules the router already has.
func (c *Chain) planChain(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, plan chainState, rules []vals) {
	desc := fmt.Sprintf("the one with %d rule(s)", len(rules))
	if len(rules) > 0 {
		if s, ok := rules[0]["comment"].(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			desc += fmt.Sprintf(", the first commented %q", s.ValueString())
		}
	}
	claimOwnership(c.rule.data, "homelab_routeros_"+c.spec.Type, c.spec.Path+" chain "+plan.Chain.ValueString(),
		req.State.Raw, req.Plan.Raw, desc, &resp.Diagnostics, path.Root("chain"))
	if !req.State.Raw.IsNull() {
		return
	}
	cl := planClient(c.rule.data)
	if cl == nil {
		return
	}
	cur, err := c.chainRows(ctx, cl, plan.Chain.ValueString(), true)
	if err != nil {
		return
	}
	warn, err := c.chainTakeover(plan.Chain.ValueString(), cur, rules, plan.AdoptExisting.ValueBool())
	c.rule.reportTakeover(&resp.Diagnostics, warn, err)
}

// describePlan shows the fields a plan sets, as the user wrote them.
func (r *Resource) describePlan(plan vals) string {
	var parts []string
	for i := range r.spec.Fields {
		f := &r.spec.Fields[i]
		if v, ok := f.toDevice(plan[f.AttrName()]); ok && !f.Sensitive {
			parts = append(parts, fmt.Sprintf("%s = %q", f.AttrName(), v))
		}
	}
	return strings.Join(parts, ", ")
}
