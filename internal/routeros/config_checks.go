package routeros

import (
	"context"
	"math/big"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// Plan-time checks across the fields of one row (a DNS record's type and
// the field that type needs), so a configuration the router would refuse
// or misread fails at `tofu plan` naming the attribute. They wrap the
// engine's resource instead of adding a hook to it: one menu's rules stay
// in that menu's file.

// configValues are a configuration's values by RouterOS field name:
// known holds the known, non-null ones as the router is sent them,
// unknown the fields whose value is not known yet (a reference).
type configValues struct {
	known   map[string]string
	unknown map[string]bool
}

func (v configValues) has(field string) bool { _, ok := v.known[field]; return ok }

// missing reports a field that is null (not merely unknown).
func (v configValues) missing(field string) bool { return !v.has(field) && !v.unknown[field] }

// configProblem is one finding about a field; warn makes it a warning.
type configProblem struct {
	field, summary, detail string
	warn                   bool
}

type configCheck func(v configValues) []configProblem

// configChecks are the checks by resource type.
var configChecks = map[string]configCheck{
	"ip_dns_record": checkDNSRecord,
}

// newResource is the resource of a spec, with its checks if it has any.
func newResource(s menu.Spec) func() resource.Resource {
	newRes := menu.New(s)
	chk := configChecks[s.Type]
	if chk == nil {
		return newRes
	}
	return func() resource.Resource {
		return &checkedResource{Resource: newRes().(*menu.Resource), spec: s, check: chk}
	}
}

// checkedResource is the engine's resource plus ValidateConfig.
type checkedResource struct {
	*menu.Resource
	spec  menu.Spec
	check configCheck
}

var _ resource.ResourceWithValidateConfig = (*checkedResource)(nil)

func (r *checkedResource) ValidateConfig(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	v, ok := readConfig(r.spec, req.Config.Raw)
	if !ok {
		return
	}
	for _, p := range r.check(v) {
		at := path.Root(attrOf(r.spec, p.field))
		if p.warn {
			resp.Diagnostics.AddAttributeWarning(at, p.summary, p.detail)
		} else {
			resp.Diagnostics.AddAttributeError(at, p.summary, p.detail)
		}
	}
}

func attrOf(s menu.Spec, field string) string {
	for _, f := range s.Fields {
		if f.Name == field {
			return f.AttrName()
		}
	}
	return strings.ReplaceAll(field, "-", "_")
}

// readConfig turns a raw configuration into configValues (scalar fields
// only; the checks need no lists).
func readConfig(s menu.Spec, raw tftypes.Value) (configValues, bool) {
	v := configValues{known: map[string]string{}, unknown: map[string]bool{}}
	var attrs map[string]tftypes.Value
	if !raw.IsKnown() || raw.IsNull() || raw.As(&attrs) != nil {
		return v, false
	}
	for _, f := range s.Fields {
		a, ok := attrs[f.AttrName()]
		switch {
		case !ok || a.IsNull():
		case !a.IsKnown():
			v.unknown[f.Name] = true
		case a.Type().Is(tftypes.String):
			var str string
			if a.As(&str) == nil {
				v.known[f.Name] = str
			}
		case a.Type().Is(tftypes.Number):
			var n big.Float
			if a.As(&n) == nil {
				v.known[f.Name] = n.Text('f', -1)
			}
		case a.Type().Is(tftypes.Bool):
			var b bool
			if a.As(&b) == nil {
				v.known[f.Name] = map[bool]string{true: "yes", false: "no"}[b]
			}
		}
	}
	return v, true
}
