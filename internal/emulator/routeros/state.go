package routeros

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// row is one item of a table.
type row struct {
	id      int
	typ     string            // interface type (ether, vlan, bridge, bond) in the shared interface table
	vals    map[string]string // stored (normalised) values of the properties that are set
	dynamic bool              // created by the emulated router itself
	dynKey  string            // identity of a dynamic row, for recomputation
	created time.Time         // when it was added (address-list creation-time and timeout)
}

func (r *row) clone() *row {
	c := *r
	c.vals = maps.Clone(r.vals)
	return &c
}

// table is an ordered list of rows with its id counter. Ids are allocated
// in increasing order and never reused.
type table struct {
	rows []*row
	next int
}

func (t *table) alloc() int {
	id := t.next
	t.next++
	return id
}

func (t *table) byID(id int) *row {
	for _, r := range t.rows {
		if r.id == id {
			return r
		}
	}
	return nil
}

func (t *table) index(r *row) int { return slices.Index(t.rows, r) }

func (t *table) remove(r *row) {
	if i := t.index(r); i >= 0 {
		t.rows = slices.Delete(t.rows, i, i+1)
	}
}

// insertBefore inserts r before the row before, or appends when before is nil.
func (t *table) insertBefore(r, before *row) {
	if before != nil {
		if i := t.index(before); i >= 0 {
			t.rows = slices.Insert(t.rows, i, r)
			return
		}
	}
	t.rows = append(t.rows, r)
}

// db is the emulated router's configuration.
type db struct {
	version string
	board   string
	tables  map[string]*table
	menus   map[string]*menu
	order   []*menu
	poe     map[string]bool // default-names of the ports with PoE-out
}

// now is the router's clock.
func (d *db) now() time.Time { return time.Now() }

func (d *db) table(name string) *table {
	t := d.tables[name]
	if t == nil {
		t = &table{next: 1}
		d.tables[name] = t
	}
	return t
}

// rowsOf lists the rows a menu shows, in table order.
func (d *db) rowsOf(m *menu) []*row {
	t := d.table(m.table)
	if m.typ == "" {
		return t.rows
	}
	out := make([]*row, 0, len(t.rows))
	for _, r := range t.rows {
		if r.typ == m.typ {
			out = append(out, r)
		}
	}
	return out
}

// find resolves one item reference of a menu: an id (*1A) or, for menus
// addressed by name, a name.
func (d *db) find(m *menu, ref string) *row {
	if id, ok := parseID(ref); ok {
		r := d.table(m.table).byID(id)
		if r != nil && (m.typ == "" || r.typ == m.typ) {
			return r
		}
		return nil
	}
	if m.nameField == "" {
		return nil
	}
	for _, r := range d.rowsOf(m) {
		if r.vals[m.nameField] == ref {
			return r
		}
	}
	return nil
}

// findAll resolves a comma list of references; any unknown one fails the
// whole command with "no such item".
func (d *db) findAll(m *menu, refs string) ([]*row, error) {
	var out []*row
	for _, ref := range splitList(refs) {
		r := d.find(m, ref)
		if r == nil {
			return nil, errNoSuchItem()
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, errNoSuchItem()
	}
	return out, nil
}

// refTarget is where references of a kind point: a table, optionally one
// interface type, and the property holding the name.
type refTarget struct {
	table, typ string
}

func refTargets(k refKind) []refTarget {
	switch k {
	case refIface:
		return []refTarget{{"interface", ""}}
	case refBridge:
		return []refTarget{{"interface", "bridge"}}
	case refIfList:
		return []refTarget{{"interface/list", ""}}
	case refIfaceOrList:
		return []refTarget{{"interface", ""}, {"interface/list", ""}}
	case refPool:
		return []refTarget{{"ip/pool", ""}}
	case refDHCPServer:
		return []refTarget{{"ip/dhcp-server", ""}}
	case refWireGuard:
		return []refTarget{{"interface", "wg"}}
	case refDHCPOption:
		return []refTarget{{"ip/dhcp-server/option", ""}}
	case refDHCPOptionSet:
		return []refTarget{{"ip/dhcp-server/option/sets", ""}}
	}
	return nil
}

// lookupRef returns the row a name (or *id) refers to.
func (d *db) lookupRef(k refKind, v string) *row {
	for _, t := range refTargets(k) {
		tab := d.table(t.table)
		if id, ok := parseID(v); ok {
			if r := tab.byID(id); r != nil && (t.typ == "" || r.typ == t.typ) {
				return r
			}
			continue
		}
		for _, r := range tab.rows {
			if r.vals["name"] == v && (t.typ == "" || r.typ == t.typ) {
				return r
			}
		}
	}
	return nil
}

// resolveRefs checks a reference field's value and returns it with ids
// replaced by names.
func (d *db) resolveRefs(f *field, v string) (string, error) {
	items := []string{v}
	if f.kind == kRefList {
		items = splitList(v)
	}
	for i, it := range items {
		neg := ""
		if f.neg && strings.HasPrefix(it, "!") {
			neg, it = "!", it[1:]
		}
		if f.allows(it) {
			items[i] = neg + it
			continue
		}
		r := d.lookupRef(f.ref, it)
		if r == nil {
			return "", errNoMatch(f.name)
		}
		items[i] = neg + r.vals["name"]
	}
	return strings.Join(items, ","), nil
}

// retarget rewrites every reference to a renamed or removed item: RouterOS
// keeps references by id, so they follow a rename, and show as *ID once the
// item is gone.
func (d *db) retarget(tableName, typ, from, to string) {
	if from == "" || from == to {
		return
	}
	for _, m := range d.order {
		for _, f := range m.fields {
			if f.kind != kRef && f.kind != kRefList {
				continue
			}
			points := false
			for _, t := range refTargets(f.ref) {
				if t.table == tableName && (t.typ == "" || t.typ == typ) {
					points = true
				}
			}
			if !points {
				continue
			}
			for _, r := range d.rowsOf(m) {
				v, ok := r.vals[f.name]
				if !ok {
					continue
				}
				items := []string{v}
				if f.kind == kRefList {
					items = splitList(v)
				}
				for i := range items {
					if items[i] == from {
						items[i] = to
					} else if items[i] == "!"+from {
						items[i] = "!" + to
					}
				}
				r.vals[f.name] = strings.Join(items, ",")
			}
		}
	}
}

// props is a printed item: ordered property names and values.
type props []kv

type kv struct{ k, v string }

func (p props) get(k string) (string, bool) {
	for _, e := range p {
		if e.k == k {
			return e.v, true
		}
	}
	return "", false
}

func (p *props) set(k, v string) {
	for i := range *p {
		if (*p)[i].k == k {
			(*p)[i].v = v
			return
		}
	}
	*p = append(*p, kv{k, v})
}
