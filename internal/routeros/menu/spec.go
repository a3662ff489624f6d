// Package menu is the generic RouterOS engine: a declarative Spec of one
// RouterOS menu becomes a Terraform resource (schema, CRUD, import) that
// follows the same rules for every menu.
package menu

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// Mode says who sets a field.
type Mode int

const (
	// Optional: set by the user or left to the router's default. Removing it
	// from the configuration unsets it on the router (=!field=).
	Optional Mode = iota
	// Required: the user must set it.
	Required
	// Computed: optional; when the user leaves it out, whatever the router
	// chose is kept (e.g. an address's network).
	Computed
	// ReadOnly: only printed by the router.
	ReadOnly
)

// Field is one RouterOS property of the menu.
type Field struct {
	Name     string // RouterOS name, e.g. "vlan-id"
	Attr     string // Terraform attribute; default: Name in snake_case
	Kind     Kind
	Mode     Mode
	ForceNew bool   // changing it replaces the row
	Default  string // the router's default: left out of imported state, documented
	Desc     string

	Enum     []string // allowed values (String/Text/List/Set elements)
	Keywords []string // literal values allowed besides the kind's syntax (Duration: "auto", "none")
	Min, Max int64    // Int range, when Max != 0
	// Check validates string values (or each element of a List/Set).
	Check     []validator.String
	Normalize func(string) string // extra normalisation before comparing
	// Countdown: the router prints what is left of the value (an address
	// list entry's timeout): any printed value is the configured one, and
	// the state keeps what the configuration says.
	Countdown bool
	// Unprinted: the router never prints it (a user's password): the state
	// keeps the configured value, so a change in the configuration is sent
	// and nothing on the router can show as drift; an import has none.
	Unprinted bool
	// Printed: for an Unprinted field, what the router's other properties
	// show of its value (an SSH key's type, size and owner): an import
	// stores it and Same tells whether a configured value is the one shown.
	Printed func(row map[string]string) string
	// Same replaces the kind's comparison of two device values (after
	// Normalize), for a value Printed stands for.
	Same      func(a, b string) bool
	Sensitive bool
	// NoUnset: the router refuses =!field= (e.g. mtu); removing the field
	// from the configuration sets Default instead.
	NoUnset bool
	// Select: only identifies the row (Adopt menus' default-name); never sent.
	Select bool

	// Since is the first RouterOS version that has the field: a configured
	// value is refused at plan time on an older router.
	Since string
	// OldNames are the names the field had before a version: the engine
	// sends the name the router's version expects and reads either.
	OldNames []OldName
}

// OldName is a field's name on routers older than Before.
type OldName struct{ Before, Name string }

// AttrName is the Terraform attribute name.
func (f *Field) AttrName() string {
	if f.Attr != "" {
		return f.Attr
	}
	return strings.ReplaceAll(f.Name, "-", "_")
}

// Spec declares one menu.
type Spec struct {
	Type string // "interface_vlan" -> homelab_routeros_interface_vlan
	Path string // "/interface/vlan"
	Desc string // markdown, what the resource manages

	// Key: the RouterOS fields that identify a row besides its .id (its
	// natural key). Used by import and to find a row after a dropped add.
	// Empty: all the fields sent on add identify it.
	Key []string
	// Singleton: the menu is one settings object (/system/identity).
	Singleton bool
	// Adopt: rows cannot be added or removed (/interface/ethernet); create
	// finds the row by Key and sets its fields.
	Adopt bool
	// AdoptRow: for a menu whose rows are added and removed, the builtin
	// rows (told by their Key's device values, e.g. /ipv6/nd's
	// interface=all) that create adopts and destroy restores as for Adopt.
	AdoptRow func(key map[string]string) bool
	// ResetOnDestroy: destroying a Singleton or Adopt resource sets every
	// field it managed back to the field's Default (empty without one).
	ResetOnDestroy bool
	// Destroy returns the set words that restore a Singleton or Adopt row
	// when the resource is destroyed, given the device values in state, when
	// that is not ResetOnDestroy (a port renamed back to its default-name).
	Destroy func(state map[string]string) []string
	// DestroyDoc documents what destroy does for Singleton/Adopt resources.
	DestroyDoc string

	Fields []Field
}

// FullType is the resource type name.
func (s *Spec) FullType() string { return "homelab_routeros_" + s.Type }

// keyAttrs are the attribute names of the natural key's fields.
func (s *Spec) keyAttrs() []string {
	var out []string
	for _, k := range s.Key {
		if f := s.field(k); f != nil {
			out = append(out, f.AttrName())
		}
	}
	return out
}

func (s *Spec) field(nameOrAttr string) *Field { return findField(s.Fields, nameOrAttr) }

// adopts reports whether create adopts the row of v (and destroy restores it).
func (s *Spec) adopts(v vals) bool {
	if s.Adopt || s.AdoptRow == nil {
		return s.Adopt
	}
	key := map[string]string{}
	for _, k := range s.Key {
		if f := s.field(k); f != nil {
			key[k], _ = f.toDevice(v[f.AttrName()])
		}
	}
	return s.AdoptRow(key)
}

func (s *DataSpec) field(nameOrAttr string) *Field { return findField(s.Fields, nameOrAttr) }

// findField finds a field by RouterOS or attribute name.
func findField(fields []Field, nameOrAttr string) *Field {
	for i := range fields {
		f := &fields[i]
		if f.Name == nameOrAttr || f.AttrName() == nameOrAttr {
			return f
		}
	}
	return nil
}

func (s *Spec) schema() schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The row's RouterOS `.id` (e.g. `*1A`)" + map[bool]string{true: "; for this settings menu, its path.", false: "."}[s.Singleton],
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
	for i := range s.Fields {
		f := &s.Fields[i]
		attrs[f.AttrName()] = f.schemaAttr()
	}
	if s.Singleton {
		attrs[adoptAttr] = adoptSchema("settings made by hand (values other than the router's defaults) that this resource would change")
	}
	desc := s.Desc + fmt.Sprintf("\n\nManages `%s` on the router.", s.Path)
	switch {
	case s.Singleton:
		desc += " This menu is a single settings object: create sets the given fields, import takes any ID. A create that would " +
			"change a value set by hand on the router is refused with the import to use, unless `adopt_existing = true`."
	case s.Adopt:
		desc += fmt.Sprintf(" Rows of this menu cannot be added or removed: create adopts the existing row identified by `%s`.", strings.Join(s.keyAttrs(), ", "))
	default:
		desc += " Import by `.id` (`*1A`)"
		if len(s.Key) == 1 {
			desc += fmt.Sprintf(", by `%s`", s.keyAttrs()[0])
		}
		desc += " or by `field=value[,field=value]`."
	}
	if s.DestroyDoc != "" {
		desc += " " + s.DestroyDoc
	}
	desc += " Optional fields left out keep the router's default; an optional field removed from the configuration is unset on the router."
	// Version 0: the first rename or type change of an attribute bumps it and
	// adds a state upgrader with its test (TestSpecs checks that none is at another version yet).
	return schema.Schema{Version: 0, MarkdownDescription: desc, Attributes: attrs}
}

func (f *Field) description() string {
	d := f.Desc
	if d == "" {
		d = "RouterOS `" + f.Name + "`."
	} else {
		d += " (RouterOS `" + f.Name + "`)."
	}
	if len(f.Enum) > 0 {
		d += " One of `" + strings.Join(f.Enum, "`, `") + "`."
	}
	if f.Kind == Duration {
		d += " A RouterOS duration such as `30s`, `10m`, `1d` or `1d 00:00:00`; equivalent spellings do not cause a diff."
	}
	if f.Default != "" && f.Mode != Required && f.Mode != ReadOnly {
		d += " Router default: `" + f.Default + "`."
	}
	if f.Mode == Computed {
		d += " Left out, the router's value is kept."
	}
	if f.Since != "" {
		d += " RouterOS " + f.Since + " and later (refused at plan time on an older router)."
	}
	for _, o := range f.OldNames {
		d += " Called `" + o.Name + "` before RouterOS " + o.Before + "; the provider sends the name the router expects."
	}
	if f.Unprinted && f.Printed != nil {
		d += " Never read back as such: the router prints only what the value says about itself, so an import stores that summary, a configured value that matches it is no change, and a change made on the router that keeps the summary is not seen."
	} else if f.Unprinted {
		d += " Never read back (the router does not print it): a change made on the router is not seen, and an import leaves it empty; a new value in the configuration is set on the next apply."
	}
	if f.ForceNew {
		d += " Changing it replaces the object."
	}
	return d
}

func (f *Field) stringValidators() []validator.String {
	var vs []validator.String
	switch f.Kind {
	case Duration:
		kw := f.Keywords
		vs = append(vs, validate.StringFunc("RouterOS duration", func(s string) error {
			for _, k := range kw {
				if s == k {
					return nil
				}
			}
			_, err := ParseDuration(s)
			if err != nil && len(kw) > 0 {
				return fmt.Errorf("%w, or one of %s", err, strings.Join(kw, ", "))
			}
			return err
		}))
	case MAC:
		vs = append(vs, validate.MAC())
	}
	if len(f.Enum) > 0 {
		vs = append(vs, stringvalidator.OneOf(append(append([]string{}, f.Enum...), f.Keywords...)...))
	}
	return append(vs, f.Check...)
}

func (f *Field) schemaAttr() schema.Attribute {
	req := f.Mode == Required
	opt := f.Mode == Optional || f.Mode == Computed
	comp := f.Mode == Computed || f.Mode == ReadOnly
	desc := f.description()
	switch f.Kind {
	case Int:
		a := schema.Int64Attribute{Required: req, Optional: opt, Computed: comp, MarkdownDescription: desc, Sensitive: f.Sensitive}
		if f.Max != 0 {
			a.Validators = append(a.Validators, int64validator.Between(f.Min, f.Max))
		}
		if f.ForceNew {
			a.PlanModifiers = append(a.PlanModifiers, int64planmodifier.RequiresReplace())
		}
		if comp {
			a.PlanModifiers = append(a.PlanModifiers, int64planmodifier.UseStateForUnknown())
		}
		return a
	case Bool:
		a := schema.BoolAttribute{Required: req, Optional: opt, Computed: comp, MarkdownDescription: desc, Sensitive: f.Sensitive}
		if f.ForceNew {
			a.PlanModifiers = append(a.PlanModifiers, boolplanmodifier.RequiresReplace())
		}
		if comp {
			a.PlanModifiers = append(a.PlanModifiers, boolplanmodifier.UseStateForUnknown())
		}
		return a
	case List:
		a := schema.ListAttribute{ElementType: f.attrType().(interface{ ElementType() attr.Type }).ElementType(), Required: req, Optional: opt, Computed: comp, MarkdownDescription: desc, Sensitive: f.Sensitive}
		if vs := f.stringValidators(); len(vs) > 0 {
			a.Validators = append(a.Validators, listvalidator.ValueStringsAre(vs...))
		}
		if f.ForceNew {
			a.PlanModifiers = append(a.PlanModifiers, listplanmodifier.RequiresReplace())
		}
		if comp {
			a.PlanModifiers = append(a.PlanModifiers, listplanmodifier.UseStateForUnknown())
		}
		return a
	case Set:
		a := schema.SetAttribute{ElementType: f.attrType().(interface{ ElementType() attr.Type }).ElementType(), Required: req, Optional: opt, Computed: comp, MarkdownDescription: desc, Sensitive: f.Sensitive}
		if vs := f.stringValidators(); len(vs) > 0 {
			a.Validators = append(a.Validators, setvalidator.ValueStringsAre(vs...))
		}
		if f.ForceNew {
			a.PlanModifiers = append(a.PlanModifiers, setplanmodifier.RequiresReplace())
		}
		if comp {
			a.PlanModifiers = append(a.PlanModifiers, setplanmodifier.UseStateForUnknown())
		}
		return a
	}
	a := schema.StringAttribute{Required: req, Optional: opt, Computed: comp, MarkdownDescription: desc, Sensitive: f.Sensitive}
	if f.Mode != ReadOnly {
		a.Validators = f.stringValidators()
		if f.Mode != Computed {
			// "" is how a router shows an unset field: use null (leave the
			// attribute out) instead.
			a.Validators = append(a.Validators, stringvalidator.LengthAtLeast(1))
		}
	}
	if f.ForceNew {
		a.PlanModifiers = append(a.PlanModifiers, stringplanmodifier.RequiresReplace())
	}
	if comp {
		a.PlanModifiers = append(a.PlanModifiers, stringplanmodifier.UseStateForUnknown())
	}
	return a
}
