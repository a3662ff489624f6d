package provider

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// defaultNode is where a schema's defaults are: an attribute with a
// default, or a nested attribute or block with defaults inside. Only such
// attributes are kept, so a schema without defaults is an empty map.
type defaultNode struct {
	value    func(context.Context, path.Path) (tftypes.Value, bool) // nil: no default here
	nesting  nesting
	children map[string]*defaultNode
	opaque   bool // a nested attribute or block of a kind not walked: only a null value passes
}

type nesting int

const (
	notNested nesting = iota
	nestedSingle
	nestedList
	nestedMap
	nestedSet
)

// defaultsOf finds the defaults of a resource schema's attributes and
// blocks, nested ones included.
func defaultsOf(attrs map[string]schema.Attribute, blocks map[string]schema.Block) map[string]*defaultNode {
	nodes := map[string]*defaultNode{}
	for name, a := range attrs {
		n := &defaultNode{value: defaultValue(a)}
		switch a := a.(type) {
		case schema.SingleNestedAttribute:
			n.nesting, n.children = nestedSingle, defaultsOf(a.Attributes, nil)
		case schema.ListNestedAttribute:
			n.nesting, n.children = nestedList, defaultsOf(a.NestedObject.Attributes, nil)
		case schema.MapNestedAttribute:
			n.nesting, n.children = nestedMap, defaultsOf(a.NestedObject.Attributes, nil)
		case schema.SetNestedAttribute:
			n.nesting, n.children = nestedSet, defaultsOf(a.NestedObject.Attributes, nil)
		default:
			if reflect.ValueOf(a).MethodByName("GetNestedObject").IsValid() {
				n.opaque = true // a nested kind this does not walk
			}
		}
		if n.value != nil || n.opaque || len(n.children) > 0 {
			nodes[name] = n
		}
	}
	for name, b := range blocks {
		n := &defaultNode{}
		switch b := b.(type) {
		case schema.SingleNestedBlock:
			n.nesting, n.children = nestedSingle, defaultsOf(b.Attributes, b.Blocks)
		case schema.ListNestedBlock:
			n.nesting, n.children = nestedList, defaultsOf(b.NestedObject.Attributes, b.NestedObject.Blocks)
		case schema.SetNestedBlock:
			n.nesting, n.children = nestedSet, defaultsOf(b.NestedObject.Attributes, b.NestedObject.Blocks)
		default:
			n.opaque = true // a block kind this does not walk
		}
		if n.value != nil || n.opaque || len(n.children) > 0 {
			nodes[name] = n
		}
	}
	return nodes
}

// defaultsHold reports whether applying the defaults to prior, the
// proposed new state, would leave it as it is: every defaulted attribute
// that config leaves null already holds its default. It follows the
// framework's own pass (fwschemadata.TransformDefaults): it walks the
// proposed value, skips what is null there, and reads config at the same
// path, list elements by index and map elements by key. Anything it cannot
// decide the same way (set elements, an unknown config value, a default
// that errs) answers false, which sends the plan to the framework.
func defaultsHold(ctx context.Context, nodes map[string]*defaultNode, prior, config tftypes.Value, at path.Path) bool {
	if len(nodes) == 0 || prior.IsNull() {
		return true
	}
	var priorAttrs, configAttrs map[string]tftypes.Value
	if !prior.IsKnown() || prior.As(&priorAttrs) != nil || !config.IsKnown() {
		return false
	}
	if !config.IsNull() && config.As(&configAttrs) != nil {
		return false
	}
	for name, n := range nodes {
		p, pv := at.AtName(name), priorAttrs[name]
		cv, ok := configAttrs[name]
		if !ok {
			cv = tftypes.NewValue(pv.Type(), nil)
		}
		if !cv.IsKnown() || n.opaque && !pv.IsNull() {
			return false
		}
		if n.value != nil && cv.IsNull() {
			d, ok := n.value(ctx, p)
			if !ok || !d.Equal(pv) {
				return false
			}
			continue
		}
		if !n.nestedHold(ctx, pv, cv, p) {
			return false
		}
	}
	return true
}

func (n *defaultNode) nestedHold(ctx context.Context, prior, config tftypes.Value, at path.Path) bool {
	if len(n.children) == 0 || prior.IsNull() {
		return true
	}
	if !prior.IsKnown() || !config.IsKnown() {
		return false
	}
	switch n.nesting {
	case nestedSingle:
		return defaultsHold(ctx, n.children, prior, config, at)
	case nestedList:
		var ps, cs []tftypes.Value
		if prior.As(&ps) != nil || (!config.IsNull() && config.As(&cs) != nil) {
			return false
		}
		for i, e := range ps {
			if !defaultsHold(ctx, n.children, e, elementOr(cs, i, e.Type()), at.AtListIndex(i)) {
				return false
			}
		}
		return true
	case nestedMap:
		var ps, cs map[string]tftypes.Value
		if prior.As(&ps) != nil || (!config.IsNull() && config.As(&cs) != nil) {
			return false
		}
		for k, e := range ps {
			ce, ok := cs[k]
			if !ok {
				ce = tftypes.NewValue(e.Type(), nil)
			}
			if !defaultsHold(ctx, n.children, e, ce, at.AtMapKey(k)) {
				return false
			}
		}
		return true
	default: // a set's elements are matched by value: left to the framework
		var ps []tftypes.Value
		return prior.As(&ps) == nil && len(ps) == 0
	}
}

func elementOr(list []tftypes.Value, i int, t tftypes.Type) tftypes.Value {
	if i < len(list) {
		return list[i]
	}
	return tftypes.NewValue(t, nil)
}

// defaultValue is the function giving an attribute's default, or nil when
// it has none. It reads the kinds of default this provider's schemas use;
// a default of any other kind never holds, so the framework plans.
func defaultValue(a schema.Attribute) func(context.Context, path.Path) (tftypes.Value, bool) {
	var get func(context.Context, path.Path) (attr.Value, diag.Diagnostics)
	switch a := a.(type) {
	case schema.BoolAttribute:
		if d := a.Default; d != nil {
			get = func(ctx context.Context, p path.Path) (attr.Value, diag.Diagnostics) {
				var r defaults.BoolResponse
				d.DefaultBool(ctx, defaults.BoolRequest{Path: p}, &r)
				return r.PlanValue, r.Diagnostics
			}
		}
	case schema.StringAttribute:
		if d := a.Default; d != nil {
			get = func(ctx context.Context, p path.Path) (attr.Value, diag.Diagnostics) {
				var r defaults.StringResponse
				d.DefaultString(ctx, defaults.StringRequest{Path: p}, &r)
				return r.PlanValue, r.Diagnostics
			}
		}
	case schema.Int64Attribute:
		if d := a.Default; d != nil {
			get = func(ctx context.Context, p path.Path) (attr.Value, diag.Diagnostics) {
				var r defaults.Int64Response
				d.DefaultInt64(ctx, defaults.Int64Request{Path: p}, &r)
				return r.PlanValue, r.Diagnostics
			}
		}
	case schema.ListAttribute:
		if d := a.Default; d != nil {
			get = func(ctx context.Context, p path.Path) (attr.Value, diag.Diagnostics) {
				var r defaults.ListResponse
				d.DefaultList(ctx, defaults.ListRequest{Path: p}, &r)
				return r.PlanValue, r.Diagnostics
			}
		}
	default:
		// Every attribute kind with a default has a Default field.
		if f := reflect.ValueOf(a).FieldByName("Default"); f.IsValid() && !f.IsNil() {
			return unknownDefaults
		}
		return nil
	}
	if get == nil {
		return nil
	}
	return func(ctx context.Context, p path.Path) (tftypes.Value, bool) {
		v, diags := get(ctx, p)
		if diags.HasError() || v == nil {
			return tftypes.Value{}, false
		}
		tv, err := v.ToTerraformValue(ctx)
		return tv, err == nil
	}
}

// unknownDefaults stands for defaults this check cannot read: they never
// hold, so the framework plans.
func unknownDefaults(context.Context, path.Path) (tftypes.Value, bool) { return tftypes.Value{}, false }
