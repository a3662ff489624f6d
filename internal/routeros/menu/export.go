package menu

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"

// Helpers for tools that read a router into configuration
// (cmd/homelab-import). They expose the engine's own rules, so generated
// HCL holds exactly what an import's first Read puts into state and the
// plan after it is clean.

// ImportedValue is the device value of f that an import keeps in state (the
// engine's refresh of an imported row): false for a field the row does not
// hold, holds empty, holds at the field's default, or holds in a form the
// field's kind cannot read (an Int printed as "auto"). Computed and
// ReadOnly fields are always taken from the router; callers decide whether
// to write those.
func (f *Field) ImportedValue(row client.Row) (string, bool) {
	dv, present := row[f.Name]
	if !present || dv == "" {
		return "", false
	}
	if f.Kind == Int {
		if _, err := parseInt(dv); err != nil {
			return "", false
		}
	}
	if f.Mode == Required || f.Mode == Computed || f.Mode == ReadOnly || f.Default == "" || !f.Equal(dv, f.Default) {
		return dv, true
	}
	return "", false
}

// IsDefault reports whether v is the field's default as the router prints it.
func (f *Field) IsDefault(v string) bool { return f.Default != "" && f.Equal(v, f.Default) }

// ParseInt reads an Int field's value as the router prints it (decimal or hex, 0x8000).
func ParseInt(s string) (int64, error) { return parseInt(s) }

// SplitList splits a List or Set value as the router prints it (a,b,c).
func SplitList(s string) []string { return splitList(s) }

// KeyAttrs are the attribute names of the spec's natural key.
func (s *Spec) KeyAttrs() []string { return s.keyAttrs() }

// Field finds a field by RouterOS or attribute name; nil if there is none.
func (s *Spec) Field(nameOrAttr string) *Field { return s.field(nameOrAttr) }

// ImportMatches counts the static rows an import by field=value pairs (by
// RouterOS name) would find, compared as the engine's ImportState does: an
// import ID is usable only when this is 1.
func (s *Spec) ImportMatches(rows []client.Row, m map[string]string) int {
	r := &Resource{spec: s}
	return len(r.matches(rows, m))
}
