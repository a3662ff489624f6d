package menu

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
)

// ChainSpec declares an ordered rule table (/ip/firewall/filter, .../nat).
//
// Design: one resource owns one chain. Its `rule` list is the chain, in
// order: apply adds, changes and removes rows so that the chain's static
// rules are exactly the listed ones, then moves rows until their order is
// the list's order. No rule refers to another (no place-before), so
// for_each and modules never make dependency cycles; a rule added or
// reordered on the router shows as drift and apply restores the list.
// Import by chain name.
type ChainSpec struct {
	Type string // "ip_firewall_filter"
	Path string // "/ip/firewall/filter"
	Desc string
	Rule []Field // the rule's fields, "chain" excluded
	// Check validates one rule at plan time, given its set fields by
	// RouterOS name; it returns the offending field and why ("" if valid).
	Check func(rule map[string]string) (field, problem string)
}

// NewChain returns the constructor of the chain resource a spec describes.
func NewChain(spec ChainSpec) func() resource.Resource {
	// The engine handles one rule as a row of the menu whose fields are the
	// rule's plus its chain.
	fields := append(append([]Field{}, spec.Rule...), Field{Name: "chain", Mode: Required})
	registerSensitive(spec.Path, fields)
	return func() resource.Resource {
		rs := &Spec{Type: spec.Type, Path: spec.Path, Fields: fields}
		ts, obj := rs.attrTypes()
		return &Chain{spec: &spec, rule: &Resource{spec: rs, types: ts, objType: obj}}
	}
}

// Chain is the generic ordered-rules resource.
type Chain struct {
	spec *ChainSpec
	rule *Resource // the engine's field handling, applied to one rule
}

var (
	_ resource.ResourceWithConfigure      = (*Chain)(nil)
	_ resource.ResourceWithImportState    = (*Chain)(nil)
	_ resource.ResourceWithValidateConfig = (*Chain)(nil)
	_ resource.ResourceWithModifyPlan     = (*Chain)(nil)
)

func (c *Chain) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	if c.spec.Check == nil {
		return
	}
	var st chainState
	resp.Diagnostics.Append(req.Config.Get(ctx, &st)...)
	if resp.Diagnostics.HasError() || st.Rule.IsNull() || st.Rule.IsUnknown() {
		return
	}
	for i, r := range c.rules(st.Rule) {
		dev := map[string]string{}
		for j := range c.spec.Rule {
			f := &c.spec.Rule[j]
			v := r[f.AttrName()]
			if v != nil && v.IsUnknown() {
				return // decided at apply
			}
			if s, ok := f.toDevice(v); ok {
				dev[f.Name] = s
			}
		}
		if field, problem := c.spec.Check(dev); problem != "" {
			attrName := field
			if f := c.rule.spec.field(field); f != nil {
				attrName = f.AttrName()
			}
			resp.Diagnostics.AddAttributeError(path.Root("rule").AtListIndex(i).AtName(attrName),
				"Invalid rule", fmt.Sprintf("homelab_routeros_%s %q, rule[%d].%s: %s", c.spec.Type, st.Chain.ValueString(), i, attrName, problem))
		}
	}
}

func (c *Chain) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_routeros_" + c.spec.Type
}

func (c *Chain) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	c.rule.Configure(ctx, req, resp)
}

func (c *Chain) ruleTypes() map[string]attr.Type {
	t := map[string]attr.Type{"id": types.StringType}
	for i := range c.spec.Rule {
		f := &c.spec.Rule[i]
		t[f.AttrName()] = f.attrType()
	}
	return t
}

func (c *Chain) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ruleAttrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The rule's RouterOS `.id`."},
	}
	for i := range c.spec.Rule {
		f := &c.spec.Rule[i]
		ruleAttrs[f.AttrName()] = f.schemaAttr()
	}
	resp.Schema = schema.Schema{
		Version: 0, // see Spec.schema
		MarkdownDescription: c.spec.Desc + fmt.Sprintf("\n\nManages one chain of `%s` as an ordered list of rules. "+
			"**The resource owns the chain**: after apply the chain's static rules are exactly the `rule` list, in that "+
			"order — rules added on the router are removed, removed ones re-added, and a reorder made on the router "+
			"shows as drift and is undone by moving rows. Rules never reference each other (no `place_before`), so "+
			"`for_each` and modules cannot create dependency cycles; to insert a rule, insert it in the list. "+
			"Manage each chain with exactly one resource. Import by chain name. A create over a chain that already has rules "+
			"is refused with the import to use, unless `adopt_existing = true`.", c.spec.Path),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The chain name.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"chain": schema.StringAttribute{Required: true, MarkdownDescription: "Chain name, e.g. `forward`, `input`, `srcnat`, or a custom chain.",
				Validators:    []validator.String{stringvalidator.LengthBetween(1, 255)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
			"rule": schema.ListNestedAttribute{Required: true, MarkdownDescription: "The chain's rules, in evaluation order.",
				NestedObject: schema.NestedAttributeObject{Attributes: ruleAttrs}},
			adoptAttr: adoptSchema("rules in this chain"),
		},
	}
}

type chainState struct {
	ID            types.String `tfsdk:"id"`
	Chain         types.String `tfsdk:"chain"`
	Rule          types.List   `tfsdk:"rule"`
	AdoptExisting types.Bool   `tfsdk:"adopt_existing"`
}

func (c *Chain) rules(l types.List) []vals {
	var out []vals
	for _, e := range l.Elements() {
		if o, ok := e.(types.Object); ok {
			out = append(out, vals(o.Attributes()))
		}
	}
	return out
}

func (c *Chain) list(rules []vals) types.List {
	t := c.ruleTypes()
	elems := []attr.Value{}
	for _, r := range rules {
		m := map[string]attr.Value{}
		for k := range t {
			v := r[k]
			if v == nil {
				if k == "id" {
					v = types.StringNull()
				} else {
					v = c.rule.spec.field(k).null()
				}
			}
			m[k] = v
		}
		elems = append(elems, types.ObjectValueMust(t, m))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: t}, elems)
}

// chainRows are the static rows of a chain, in table order.
func (c *Chain) chainRows(ctx context.Context, cl *client.Client, chain string, cached bool) ([]client.Row, error) {
	var rows []client.Row
	var err error
	if cached {
		// A refresh shares one print of the table with every other chain.
		rows, err = cl.Table(ctx, c.spec.Path)
	} else {
		// A write reads only its own chain, fresh.
		rows, _, err = cl.RunRetry(ctx, c.spec.Path+"/print", "?chain="+chain)
	}
	if err != nil {
		return nil, err
	}
	var out []client.Row
	for _, r := range rows {
		if r["chain"] == chain && r["dynamic"] != "true" {
			out = append(out, r)
		}
	}
	return out, nil
}

// sameRule reports whether a row already is the desired rule.
func (c *Chain) sameRule(want vals, row client.Row) bool {
	for i := range c.spec.Rule {
		f := &c.spec.Rule[i]
		d, dok := f.toDevice(want[f.AttrName()])
		r, rok := row[f.Name]
		if rok && r == "" {
			rok = false
		}
		switch {
		case !dok && !rok:
		case !dok:
			if f.Default == "" || !f.Equal(r, f.Default) {
				return false
			}
		case !rok:
			if f.Default == "" || !f.Equal(d, f.Default) {
				return false
			}
		default:
			if !f.Equal(d, r) {
				return false
			}
		}
	}
	return true
}

// rewriteArgs turns a row into the desired rule.
func (c *Chain) rewriteArgs(want vals, row client.Row) []string {
	var args []string
	for i := range c.spec.Rule {
		f := &c.spec.Rule[i]
		d, dok := f.toDevice(want[f.AttrName()])
		r, rok := row[f.Name]
		switch {
		case dok && (!rok || !f.Equal(d, r)):
			args = append(args, "="+f.Name+"="+d)
		case !dok && rok && r != "" && (f.Default == "" || !f.Equal(r, f.Default)):
			if f.NoUnset {
				args = append(args, "="+f.Name+"="+f.Default)
			} else {
				args = append(args, "=!"+f.Name+"=")
			}
		}
	}
	return args
}

// reconcile makes the chain's static rules, read from the router as cur,
// exactly want, in order, and returns their ids. On error the ids of the
// rows already kept, rewritten or added are still returned ("" for the
// rest), so a failed create can keep them in state instead of orphaning them.
func (c *Chain) reconcile(ctx context.Context, cl *client.Client, chain string, cur []client.Row, want []vals) ([]string, error) {
	ids, used := c.matchRules(cur, want)
	// Rewrite leftover rows into unmatched rules, then add or remove the rest.
	j := 0
	for i, w := range want {
		if ids[i] != "" {
			continue
		}
		for j < len(cur) && used[j] {
			j++
		}
		if j < len(cur) {
			used[j] = true
			if args := c.rewriteArgs(w, cur[j]); len(args) > 0 {
				if err := cl.Set(ctx, c.spec.Path, cur[j][".id"], args); err != nil {
					return ids, ruleErr(i, err)
				}
			}
			ids[i] = cur[j][".id"]
			continue
		}
		id, err := c.rule.add(ctx, cl, withChain(w, chain))
		ids[i] = id // an interrupted add may still have its id
		if err != nil {
			return ids, ruleErr(i, err)
		}
	}
	var leftover []string
	for j, r := range cur {
		if !used[j] {
			leftover = append(leftover, r[".id"])
		}
	}
	if err := cl.RemoveAll(ctx, c.spec.Path, leftover); err != nil {
		return ids, err
	}
	return ids, c.order(ctx, cl, chain, ids)
}

// matchRules pairs each wanted rule with a row that already is that rule:
// ids[i] is the row kept for want[i] ("" for none), used[j] whether cur[j]
// was kept.
func (c *Chain) matchRules(cur []client.Row, want []vals) (ids []string, used []bool) {
	ids, used = make([]string, len(want)), make([]bool, len(cur))
	for i, w := range want {
		for j, r := range cur {
			if !used[j] && c.sameRule(w, r) {
				ids[i], used[j] = r[".id"], true
				break
			}
		}
	}
	return ids, used
}

type ruleError struct {
	index int
	err   error
}

func (e *ruleError) Error() string   { return fmt.Sprintf("rule[%d]: %s", e.index, e.err) }
func (e *ruleError) Unwrap() error   { return e.err }
func ruleErr(i int, err error) error { return &ruleError{i, err} }

// withChain is a rule's values plus its chain, for add.
func withChain(w vals, chain string) vals {
	out := vals{}
	for k, v := range w {
		out[k] = v
	}
	out["chain"] = types.StringValue(chain)
	return out
}

// order moves rows until the chain's order is ids.
func (c *Chain) order(ctx context.Context, cl *client.Client, chain string, ids []string) error {
	rows, err := c.chainRows(ctx, cl, chain, false)
	if err != nil {
		return err
	}
	var cur []string
	for _, r := range rows {
		cur = append(cur, r[".id"])
	}
	index := func(id string) int {
		for i, x := range cur {
			if x == id {
				return i
			}
		}
		return -1
	}
	for i := len(ids) - 2; i >= 0; i-- {
		a, b := index(ids[i]), index(ids[i+1])
		if a < 0 || b < 0 {
			// Removed on the router while this apply ran: moving it would fail.
			gone := ids[i]
			if a >= 0 {
				gone = ids[i+1]
			}
			return fmt.Errorf("rule %s left chain %s while it was being ordered; apply again", gone, chain)
		}
		if a+1 == b {
			continue
		}
		if err := cl.Move(ctx, c.spec.Path, []string{ids[i]}, ids[i+1]); err != nil {
			return err
		}
		// Mirror the move in cur.
		cur = append(cur[:a], cur[a+1:]...)
		b = index(ids[i+1])
		cur = append(cur[:b], append([]string{ids[i]}, cur[b:]...)...)
	}
	return nil
}

func (c *Chain) fail(diags *diag.Diagnostics, op, chain string, err error) {
	label := fmt.Sprintf("%s %q", "homelab_routeros_"+c.spec.Type, chain)
	var re *ruleError
	p := path.Root("rule")
	if ok := asRuleErr(err, &re); ok {
		p = p.AtListIndex(re.index)
		label += fmt.Sprintf(", rule[%d]", re.index)
		err = re.err
	}
	diags.AddAttributeError(p, "RouterOS "+op+" failed", fmt.Sprintf("%s: %s", label, err))
}

func asRuleErr(err error, target **ruleError) bool {
	re, ok := err.(*ruleError)
	if ok {
		*target = re
	}
	return ok
}

// apply makes the chain the plan's rule list. It returns the state to save
// and whether there is one: after a failed create, the rules already on the
// router, so the tainted resource's destroy removes them.
func (c *Chain) apply(ctx context.Context, plan chainState, create bool, diags *diag.Diagnostics) (chainState, bool) {
	cl := Client(c.rule.data, diags)
	if cl == nil {
		return plan, false
	}
	chain := plan.Chain.ValueString()
	want := c.rules(plan.Rule)
	cur, err := c.chainRows(ctx, cl, chain, false)
	if err != nil {
		c.fail(diags, "print", chain, err)
		return plan, false
	}
	if create {
		if _, err := c.chainTakeover(chain, cur, want, plan.AdoptExisting.ValueBool()); err != nil {
			diags.AddAttributeError(path.Root(adoptAttr), "Router already configured", err.Error())
			return plan, false
		}
	}
	ids, err := c.reconcile(ctx, cl, chain, cur, want)
	var kept []vals
	for i := range want {
		if ids[i] != "" {
			want[i]["id"] = types.StringValue(ids[i])
			kept = append(kept, want[i])
		}
	}
	plan.ID = types.StringValue(chain)
	if err != nil {
		c.fail(diags, "apply", chain, err)
		if !create || len(kept) == 0 {
			return plan, false
		}
		plan.Rule = c.list(kept)
		return plan, true
	}
	plan.Rule = c.list(want)
	return plan, true
}

func (c *Chain) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan chainState
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if st, ok := c.apply(ctx, plan, true, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, st)...)
	}
}

func (c *Chain) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan chainState
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if st, ok := c.apply(ctx, plan, false, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(resp.State.Set(ctx, st)...)
	}
}

func (c *Chain) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var st chainState
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	cl := Client(c.rule.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	chain := st.Chain.ValueString()
	if chain == "" {
		chain = st.ID.ValueString()
	}
	rows, err := c.chainRows(ctx, cl, chain, true)
	if err != nil {
		c.fail(&resp.Diagnostics, "print", chain, err)
		return
	}
	prev := map[string]vals{}
	if !st.Rule.IsNull() && !st.Rule.IsUnknown() {
		for _, r := range c.rules(st.Rule) {
			prev[r.id()] = r
		}
	}
	var rules []vals
	for _, row := range rows {
		p, known := prev[row[".id"]]
		if !known {
			p = vals{"id": types.StringValue(row[".id"])}
		}
		v := c.rule.refresh(p, row, !known)
		v["id"] = types.StringValue(row[".id"])
		rules = append(rules, v)
	}
	st.ID = types.StringValue(chain)
	st.Chain = types.StringValue(chain)
	st.Rule = c.list(rules)
	resp.Diagnostics.Append(resp.State.Set(ctx, st)...)
}

func (c *Chain) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var st chainState
	resp.Diagnostics.Append(req.State.Get(ctx, &st)...)
	cl := Client(c.rule.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var ids []string
	for _, r := range c.rules(st.Rule) {
		if id := r.id(); id != "" {
			ids = append(ids, id)
		}
	}
	if err := cl.RemoveAll(ctx, c.spec.Path, ids); err != nil {
		c.fail(&resp.Diagnostics, "remove", st.Chain.ValueString(), err)
	}
}

func (c *Chain) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	chain := strings.TrimSpace(req.ID)
	if chain == "" {
		resp.Diagnostics.AddError("Invalid import ID", "homelab_routeros_"+c.spec.Type+": import by chain name, e.g. forward.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), chain)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("chain"), chain)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("rule"), types.ListNull(types.ObjectType{AttrTypes: c.ruleTypes()}))...)
}
