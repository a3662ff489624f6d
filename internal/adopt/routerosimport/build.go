package routerosimport

import (
	"fmt"
	"slices"
	"sort"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// tables are printed menus by path, each in the router's order.
type tables map[string][]client.Row

// builder turns the printed tables into resources, in two passes: the first
// decides which rows become resources and names them (so every name is
// known), the second writes their attributes, with references.
type builder struct {
	specs  []menu.Spec
	chains []menu.ChainSpec
	tables tables
	res    *adopt.Result
	names  adopt.Names
	index  refIndex
	todo   []pending
	// unsupported counts, per menu and field, the rows holding a setting the
	// provider does not manage yet.
	unsupported map[string]map[string]int
}

type pending struct {
	spec   *menu.Spec
	row    client.Row
	fields []fieldValue
	r      *adopt.Resource
}

type fieldValue struct {
	f  *menu.Field
	dv string // as the router prints it
}

func build(specs []menu.Spec, chains []menu.ChainSpec, t tables) *adopt.Result {
	b := &builder{specs: slices.Clone(specs), chains: chains, tables: t, res: &adopt.Result{System: "RouterOS"},
		index: refIndex{}, unsupported: map[string]map[string]int{}}
	for _, v := range providerVars {
		b.names.Take("variable", v) // a secret's variable never takes a setting's name
	}
	sort.SliceStable(b.specs, func(i, j int) bool { return rank(b.specs[i].Type) < rank(b.specs[j].Type) })
	for i := range b.specs {
		b.collect(&b.specs[i])
	}
	for _, p := range b.todo {
		b.attrs(p)
	}
	var chainRes []*adopt.Resource
	for i := range b.chains {
		chainRes = append(chainRes, b.chain(&b.chains[i])...)
	}
	// Resources in layout order: chains sit between DNS and system.
	all := append(b.resources(), chainRes...)
	sort.SliceStable(all, func(i, j int) bool { return rank(typeOf(all[i])) < rank(typeOf(all[j])) })
	b.res.Resources = all
	b.reportUnsupported()
	b.res.Graph = graph(t)
	return b.res
}

func typeOf(r *adopt.Resource) string { return r.Type[len("homelab_routeros_"):] }

func (b *builder) resources() []*adopt.Resource {
	out := make([]*adopt.Resource, len(b.todo))
	for i, p := range b.todo {
		out[i] = p.r
	}
	return out
}

// collect decides, for each row of a menu, whether it becomes a resource.
func (b *builder) collect(spec *menu.Spec) {
	rows := b.tables[spec.Path]
	for _, row := range rows {
		obj := describe(spec, row)
		switch {
		case row["dynamic"] == "true":
			b.skip(spec.Path, obj, "", "dynamic: made by the router itself")
			continue
		case row["builtin"] == "true":
			b.skip(spec.Path, obj, "", "builtin: part of RouterOS")
			continue
		}
		b.countUnsupported(spec.Path, spec.Fields, row, "name")
		fields := emitted(spec, row)
		if (spec.Singleton || spec.Adopt) && !differs(fields) {
			b.skip(spec.Path, obj, "", "every managed setting is at the router's default")
			continue
		}
		if missing := missingRequired(spec.Fields, row); missing != "" {
			b.unexpressed(spec.Path, obj, missing, "required by "+spec.FullType()+" but not set on the router (or not readable as its kind)")
			continue
		}
		r := &adopt.Resource{
			Type:     spec.FullType(),
			Name:     b.names.Take(spec.Type, baseName(spec, row)),
			File:     fileOf(spec.Type),
			ImportID: importID(spec, rows, row),
		}
		b.index.add(spec.Type, row, r.Address())
		b.todo = append(b.todo, pending{spec: spec, row: row, fields: fields, r: r})
	}
}

// emitted are the fields the configuration must hold for the import to plan
// clean: what an import keeps in state (menu.Field.ImportedValue), except
// computed fields, written only where the router shows a choice (a renamed
// port, a changed MAC address) or where they are secrets (a WireGuard
// private key: a variable, so a rebuilt router gets the same key).
func emitted(spec *menu.Spec, row client.Row) []fieldValue {
	var out []fieldValue
	for i := range spec.Fields {
		f := &spec.Fields[i]
		if f.Mode == menu.ReadOnly {
			continue
		}
		dv, ok := f.ImportedValue(row)
		if !ok && f.Mode == menu.Required && f.Default != "" {
			// A required field the router leaves out at its default
			// (action=accept): the configuration must still say it.
			dv, ok = f.Default, true
		}
		if !ok || f.Mode == menu.Computed && !f.Sensitive && !computedChosen(f, row, dv) {
			continue
		}
		out = append(out, fieldValue{f, dv})
	}
	return out
}

// computedChosen reports whether a computed field holds a value chosen by
// hand rather than the one the router computes.
func computedChosen(f *menu.Field, row client.Row, dv string) bool {
	switch f.Name {
	case "name":
		return row["default-name"] != "" && dv != row["default-name"]
	case "mac-address":
		return row["orig-mac-address"] != "" && !f.Equal(dv, row["orig-mac-address"])
	}
	return false
}

// differs reports whether a settings row (a singleton, an ethernet port)
// holds anything but the router's defaults.
func differs(fields []fieldValue) bool {
	for _, fv := range fields {
		if !fv.f.Select && !fv.f.IsDefault(fv.dv) {
			return true
		}
	}
	return false
}

func missingRequired(fields []menu.Field, row client.Row) string {
	for i := range fields {
		f := &fields[i]
		if f.Mode != menu.Required {
			continue
		}
		if _, ok := f.ImportedValue(row); !ok && f.Default == "" {
			return f.Name
		}
	}
	return ""
}

// attrs writes a resource's attributes.
func (b *builder) attrs(p pending) {
	for _, fv := range p.fields {
		p.r.Attrs = append(p.r.Attrs, adopt.Attr{Name: fv.f.AttrName(),
			Value: b.value(p.spec.Type, p.r.Name, p.spec.Path, describe(p.spec, p.row), fv)})
	}
}

// countUnsupported notes the settings of a row the provider has no field for.
func (b *builder) countUnsupported(path string, fields []menu.Field, row client.Row, extra ...string) {
	for k, v := range row {
		if v == "" || statusFields[k] || slices.Contains(extra, k) || hasField(fields, k) {
			continue
		}
		m := b.unsupported[path]
		if m == nil {
			m = map[string]int{}
			b.unsupported[path] = m
		}
		m[k]++
	}
}

func hasField(fields []menu.Field, name string) bool {
	for i := range fields {
		if fields[i].Name == name {
			return true
		}
	}
	return false
}

func (b *builder) reportUnsupported() {
	paths := make([]string, 0, len(b.unsupported))
	for p := range b.unsupported {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fields := make([]string, 0, len(b.unsupported[p]))
		for f := range b.unsupported[p] {
			fields = append(fields, f)
		}
		sort.Strings(fields)
		for _, f := range fields {
			b.skip(p, "", f, fmt.Sprintf("not managed by the provider yet (printed on %d row(s), possibly at its default); left as it is on the router", b.unsupported[p][f]))
		}
	}
}

func (b *builder) skip(menuPath, obj, field, why string) {
	b.res.Skipped = append(b.res.Skipped, adopt.Skipped{Menu: menuPath, Object: obj, Field: field, Reason: why})
}

func (b *builder) unexpressed(menuPath, obj, field, why string) {
	b.res.Unexpressed = append(b.res.Unexpressed, adopt.Skipped{Menu: menuPath, Object: obj, Field: field, Reason: why})
}
