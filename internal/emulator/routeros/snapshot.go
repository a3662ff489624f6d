package routeros

import (
	"fmt"
	"slices"
	"strings"
)

// A Snapshot is a router's configuration as its API prints it, with the
// ids it has: a state file taken from the real router plans against an
// emulator loaded from the snapshot exactly as against the router. Values
// of secrets are never written (the API does not print passwords; keys and
// pre-shared keys it does print are dropped), so an emulator loaded from a
// snapshot holds generated WireGuard keys instead of the router's.
type Snapshot struct {
	Format  string                         `json:"format"`
	Note    string                         `json:"note"`
	Version string                         `json:"version"`
	Menus   map[string][]map[string]string `json:"menus"` // menu path -> printed rows, in table order
}

// SnapshotFormat names the file format.
const SnapshotFormat = "homelab-emulator/routeros-snapshot/1"

const snapshotNote = "Taken with homelab-emulator snapshot routeros. Holds no secrets: passwords are never printed by RouterOS, " +
	"and printed private keys and pre-shared keys were dropped."

// secretProp reports whether a printed property holds a secret.
func secretProp(name string) bool {
	for _, s := range []string{"password", "private-key", "preshared-key", "secret", "passphrase", "authentication-key"} {
		if name == s || strings.HasSuffix(name, "-"+s) {
			return true
		}
	}
	return false
}

// SnapshotMenus are the menus a snapshot reads: every menu the emulator
// models that holds configuration (not /interface, which shows the typed
// menus' rows again, nor read-only ones).
func SnapshotMenus() []string {
	var out []string
	for _, m := range newDB("7.19.4", 0).order {
		if m.readOnly || m.path == "/interface" {
			continue
		}
		out = append(out, m.path)
	}
	return out
}

// TakeSnapshot prints every menu of SnapshotMenus through print (one
// command per menu), from a real router or an emulator.
func TakeSnapshot(version string, print func(menu string) ([]map[string]string, error)) (*Snapshot, error) {
	s := &Snapshot{Format: SnapshotFormat, Note: snapshotNote, Version: version, Menus: map[string][]map[string]string{}}
	for _, menu := range SnapshotMenus() {
		rows, err := print(menu)
		if err != nil {
			if strings.Contains(err.Error(), "no such command") {
				continue // a menu this router does not have
			}
			return nil, fmt.Errorf("%s/print: %w", menu, err)
		}
		for _, r := range rows {
			for k := range r {
				if secretProp(k) {
					delete(r, k)
				}
			}
		}
		s.Menus[menu] = rows
	}
	return s, nil
}

// loadSnapshot replaces the rows of every menu in the snapshot with its
// rows, keeping their ids; id counters continue after the highest id.
func (d *db) loadSnapshot(s *Snapshot) error {
	if s.Format != SnapshotFormat {
		return fmt.Errorf("not a RouterOS snapshot (format %q, want %q)", s.Format, SnapshotFormat)
	}
	paths := make([]string, 0, len(s.Menus))
	for p := range s.Menus {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, path := range paths {
		m := d.menus[path]
		if m == nil {
			return fmt.Errorf("snapshot menu %s is not modelled by this emulator", path)
		}
		t := d.table(m.table)
		if m.singleton {
			if rows := s.Menus[path]; len(rows) > 0 {
				t.rows[0].vals = snapshotVals(m, rows[0])
			}
			continue
		}
		t.rows = slices.DeleteFunc(t.rows, func(r *row) bool { return m.typ == "" || r.typ == m.typ })
		for _, printed := range s.Menus[path] {
			id, ok := parseID(printed[".id"])
			if !ok {
				return fmt.Errorf("%s: row without a valid .id: %v", path, printed)
			}
			r := &row{id: id, typ: m.typ, vals: snapshotVals(m, printed), dynamic: printed["dynamic"] == "true"}
			if m.path == "/interface/wireguard" && r.vals["private-key"] == "" {
				r.vals["private-key"] = wgGenerate() // the router's key is not in the snapshot
			}
			t.rows = append(t.rows, r)
			if id >= t.next {
				t.next = id + 1
			}
		}
		slices.SortStableFunc(t.rows, func(a, b *row) int {
			if m.canMove {
				return 0 // ordered tables keep the printed order
			}
			return a.id - b.id
		})
	}
	d.refreshDynamic()
	return nil
}

// snapshotVals keeps the printed properties the menu stores (its fields,
// read-only ones such as default-name included; computed ones are printed
// anew), and the markers of builtin and default rows.
func snapshotVals(m *menu, printed map[string]string) map[string]string {
	vals := map[string]string{}
	for k, v := range printed {
		if f := m.field(k); f != nil || k == "builtin" || k == "default" {
			vals[k] = v
		}
	}
	return vals
}

// LoadSnapshot replaces the emulator's configuration with a snapshot's.
func (s *Server) LoadSnapshot(snap *Snapshot) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.db.loadSnapshot(snap)
	if len(s.listeners) > 0 {
		s.notify()
	}
	return err
}
