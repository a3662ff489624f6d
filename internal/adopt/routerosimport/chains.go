package routerosimport

import (
	"fmt"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// chain builds one resource per chain of an ordered rule table: `chain`
// and its static rules in the router's order, imported by chain name.
func (b *builder) chain(cs *menu.ChainSpec) []*adopt.Resource {
	var order []string
	rules := map[string][]client.Row{}
	for _, row := range b.tables[cs.Path] {
		c := row["chain"]
		if row["dynamic"] == "true" {
			b.skip(cs.Path, fmt.Sprintf("chain %s %s", c, row[".id"]), "", "dynamic: made by the router itself")
			continue
		}
		if _, seen := rules[c]; !seen {
			order = append(order, c)
		}
		rules[c] = append(rules[c], row)
	}
	spec := &menu.Spec{Type: cs.Type, Path: cs.Path, Fields: cs.Rule}
	typ := "homelab_routeros_" + cs.Type
	var out []*adopt.Resource
	for _, c := range order {
		r := &adopt.Resource{Type: typ, Name: b.names.Take(cs.Type, adopt.Ident(c, "chain")), File: fileOf(cs.Type), ImportID: c}
		list := adopt.Objects{}
		for i, row := range rules[c] {
			obj := fmt.Sprintf("chain %s rule %d (%s)", c, i, row[".id"])
			b.ruleUnsupported(cs.Path, obj, row)
			var o adopt.Object
			for _, fv := range emitted(spec, row) {
				o = append(o, adopt.Attr{Name: fv.f.AttrName(), Value: b.ruleValue(cs.Type, r.Name, i, cs.Path, obj, fv)})
			}
			list = append(list, o)
		}
		r.Attrs = []adopt.Attr{{Name: "chain", Value: adopt.String(c)}, {Name: "rule", Value: list}}
		out = append(out, r)
	}
	return out
}

// ruleValue is a rule's value; a negated interface (`!ether1`) is no name.
func (b *builder) ruleValue(typ, resName string, i int, path, obj string, fv fieldValue) adopt.Value {
	if len(fv.dv) > 0 && fv.dv[0] == '!' && fv.f.Kind == menu.String {
		return adopt.String(fv.dv)
	}
	return b.value(typ, fmt.Sprintf("%s_rule%d", resName, i), path, obj, fv)
}

// ruleUnsupported: a matcher the provider has no field for changes what the
// rule matches, so the configuration cannot express the rule.
func (b *builder) ruleUnsupported(path, obj string, row client.Row) {
	spec := b.chainSpec(path)
	for _, k := range sortedKeys(row) {
		if row[k] == "" || statusFields[k] || k == "chain" || hasField(spec.Rule, k) {
			continue
		}
		b.unexpressed(path, obj, k, "matcher or setting not supported by the provider yet: the rule would be imported without it")
	}
}

func (b *builder) chainSpec(path string) *menu.ChainSpec {
	for i := range b.chains {
		if b.chains[i].Path == path {
			return &b.chains[i]
		}
	}
	return &menu.ChainSpec{}
}
