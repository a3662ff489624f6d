package routeros

import "strconv"

// menu is one RouterOS menu (/interface/vlan ...): a view over a table with
// its properties, commands and rules.
type menu struct {
	path      string // "/interface/vlan"
	table     string // storage table; interface menus share "interface"
	typ       string // interface type shown by this view; "" shows every row
	fields    []*field
	byName    map[string]*field
	nameField string // items may be addressed by this property's value

	canAdd, canRemove, canMove, canDisable, canComment bool
	singleton                                          bool // one item without .id; set takes no numbers
	readOnly                                           bool // print only

	// check validates a row after an add or set changed it (old is nil on add).
	check func(d *db, r, old *row) error
	// compute adds read-only properties to a printed row.
	compute func(d *db, r *row, p *props)
	// autoName names an added item that has no name.
	autoName func(d *db) string
	// uniqueName is the failure when an item's name is already taken in
	// the table ("" when names need not be unique).
	uniqueName string
	// showDynamic prints the read-only dynamic=true|false property.
	showDynamic bool
	// firstID is the id of the table's first item (bridge ports start at *0).
	firstID int
	// removable refuses the removal of rows RouterOS keeps (default
	// logging actions, builtin user groups); nil allows every removal.
	removable func(r *row) error
}

func (m *menu) field(name string) *field { return m.byName[name] }

func (m *menu) init() {
	m.byName = map[string]*field{}
	for _, f := range m.fields {
		m.byName[f.name] = f
		if f.name == "disabled" {
			m.canDisable = true
		}
		if f.name == "comment" {
			m.canComment = true
		}
	}
}

// printRow renders a row as RouterOS prints it: .id, the set properties and
// the defaults RouterOS shows, then the computed read-only properties.
func (m *menu) printRow(d *db, r *row) props {
	p := make(props, 0, len(m.fields)+4)
	if !m.singleton {
		p = append(p, kv{".id", formatID(r.id)})
	}
	for _, f := range m.fields {
		v, ok := r.vals[f.name]
		if !ok {
			if f.printEmpty && f.def == "" {
				p = append(p, kv{f.name, ""})
				continue
			}
			if f.def == "" || f.hideDef {
				continue
			}
			v = f.def
		} else if f.hideDef && v == f.def {
			continue
		}
		p = append(p, kv{f.name, v})
	}
	if m.compute != nil {
		m.compute(d, r, &p)
	}
	if m.showDynamic {
		p.set("dynamic", strconv.FormatBool(r.dynamic))
	}
	return p
}

// value returns the effective value of a property (set value or default).
func (m *menu) value(r *row, name string) string {
	if v, ok := r.vals[name]; ok {
		return v
	}
	if f := m.field(name); f != nil {
		return f.def
	}
	return ""
}
