package routeros

import (
	"slices"
	"strconv"
	"strings"
)

// request is one parsed API sentence.
type request struct {
	command string
	attrs   []kv
	queries []string
	tag     string
}

func parseRequest(words []string) request {
	req := request{command: words[0]}
	for _, w := range words[1:] {
		switch {
		case strings.HasPrefix(w, "="):
			k, v, _ := strings.Cut(w[1:], "=")
			req.attrs = append(req.attrs, kv{k, v})
		case strings.HasPrefix(w, ".tag="):
			req.tag = w[len(".tag="):]
		case strings.HasPrefix(w, "?"):
			req.queries = append(req.queries, w[1:])
		}
	}
	return req
}

func (q *request) arg(name string) (string, bool) {
	v, ok := "", false
	for _, a := range q.attrs {
		if a.k == name {
			v, ok = a.v, true
		}
	}
	return v, ok
}

// result is the outcome of one command: !re rows, then !trap or !done.
type result struct {
	rows   []props
	ret    string
	hasRet bool
	err    error
	print  bool // rows came from a print (so none means !empty on >= 7.18)
}

// splitCommand splits "/interface/vlan/add" into its menu and verb.
func splitCommand(cmd string) (string, string) {
	i := strings.LastIndexByte(cmd, '/')
	if i < 0 {
		return "", cmd
	}
	return cmd[:i], cmd[i+1:]
}

// exec runs one command against the configuration. The caller holds the lock.
func (d *db) exec(req request) result {
	path, verb := splitCommand(req.command)
	m := d.menus[path]
	if m == nil {
		return result{err: errNoPrefix()}
	}
	var res result
	switch verb {
	case "print", "getall":
		res = d.print(m, req)
	case "get":
		res = d.get(m, req)
	default:
		if m.readOnly {
			return result{err: errNoSuchCommand(verb)}
		}
		var err error
		switch verb {
		case "add":
			if !m.canAdd {
				return result{err: errNoSuchCommand(verb)}
			}
			var id int
			id, err = d.add(m, req)
			if err == nil {
				res.ret, res.hasRet = formatID(id), true
			}
		case "set":
			err = d.set(m, req)
		case "remove":
			if !m.canRemove {
				return result{err: errNoSuchCommand(verb)}
			}
			err = d.remove(m, req)
		case "unset":
			err = d.unset(m, req)
		case "enable", "disable":
			if !m.canDisable {
				return result{err: errNoSuchCommand(verb)}
			}
			err = d.toggle(m, req, verb == "disable")
		case "comment":
			if !m.canComment || m.singleton {
				return result{err: errNoSuchCommand(verb)}
			}
			err = d.comment(m, req)
		case "move":
			if !m.canMove {
				return result{err: errNoSuchCommand(verb)}
			}
			err = d.move(m, req)
		default:
			return result{err: errNoSuchCommand(verb)}
		}
		if err == nil {
			d.refreshDynamic()
		}
		res.err = err
	}
	return res
}

// checkArgs refuses any argument outside allowed and the menu's fields.
func checkArgs(m *menu, req request, allowed ...string) error {
	for _, a := range req.attrs {
		if slices.Contains(allowed, a.k) {
			continue
		}
		name := strings.TrimPrefix(a.k, "!")
		if f := m.field(name); f == nil || f.ro {
			return errUnknownParam(name)
		}
	}
	return nil
}

var printArgs = []string{".proplist", "count-only", "detail", "without-paging", "terse", "brief", "show-ids", "as-value", "stats", "follow", "follow-only", "interval", "where", "value-list"}

func (d *db) print(m *menu, req request) result {
	for _, a := range req.attrs {
		if !slices.Contains(printArgs, a.k) {
			return result{err: errUnknownParam(a.k)}
		}
	}
	q, err := parseQuery(req.queries)
	if err != nil {
		return result{err: err}
	}
	var proplist []string
	if v, ok := req.arg(".proplist"); ok {
		proplist = splitList(v)
	}
	_, countOnly := req.arg("count-only")
	res := result{print: true}
	n := 0
	for _, r := range q.prefilter(m, d.rowsOf(m)) {
		p := m.printRow(d, r)
		if !q.match(p) {
			continue
		}
		n++
		if countOnly {
			continue
		}
		if proplist != nil {
			sel := make(props, 0, len(proplist))
			for _, name := range proplist {
				if v, ok := p.get(name); ok {
					sel = append(sel, kv{name, v})
				}
			}
			p = sel
		}
		res.rows = append(res.rows, p)
	}
	if countOnly {
		res.print = false
		res.ret, res.hasRet = strconv.Itoa(n), true
	}
	return res
}

func (d *db) get(m *menu, req request) result {
	if err := checkArgs(m, req, "number", ".id", "value-name"); err != nil {
		return result{err: err}
	}
	var r *row
	if m.singleton {
		r = d.rowsOf(m)[0]
	} else {
		ref, ok := req.arg("number")
		if !ok {
			ref, ok = req.arg(".id")
		}
		if !ok {
			return result{err: errMissing("number")}
		}
		if r = d.find(m, ref); r == nil {
			return result{err: errNoSuchItem()}
		}
	}
	p := m.printRow(d, r)
	name, ok := req.arg("value-name")
	if !ok {
		return result{err: errMissing("value-name")}
	}
	v, _ := p.get(name)
	if name != ".id" && m.field(name) == nil {
		if _, has := p.get(name); !has {
			return result{err: errNoMatch("value-name")}
		}
	}
	return result{ret: v, hasRet: true}
}

// emptyUnsets are the kinds for which an empty value unsets the property
// (for the firewall matchers, whether RouterOS refuses "" instead is
// unconfirmed).
var emptyUnsets = []kind{kString, kList, kIPList, kIPAnyList, kRefList, kPorts, kProtocol, kFlags, kAddrMatch, kListAddress}

// applyArgs sets (or, for =!prop=, unsets) the menu properties in attrs on r.
func (d *db) applyArgs(m *menu, r *row, attrs []kv) error {
	for _, a := range attrs {
		unset := strings.HasPrefix(a.k, "!")
		name := strings.TrimPrefix(a.k, "!")
		f := m.field(name)
		if f == nil || f.ro {
			continue // special arguments, already checked
		}
		if unset {
			if f.required || f.noUnset {
				return argErr("can not unset %s", name)
			}
			delete(r.vals, name)
			continue
		}
		if a.v == "" && f.def == "" && slices.Contains(emptyUnsets, f.kind) {
			delete(r.vals, name)
			continue
		}
		v, err := f.normalize(a.v)
		if err != nil {
			return err
		}
		if f.kind == kRef || f.kind == kRefList {
			if v, err = d.resolveRefs(f, v); err != nil {
				return err
			}
		}
		r.vals[name] = v
	}
	return nil
}

// validate runs the checks common to add and set, then the menu's own.
func (d *db) validate(m *menu, r, old *row) error {
	if m.uniqueName != "" {
		name := r.vals["name"]
		if old == nil || old.vals["name"] != name {
			for _, o := range d.table(m.table).rows {
				if o.id != r.id && strings.EqualFold(o.vals["name"], name) {
					return failure("%s", m.uniqueName)
				}
			}
		}
	}
	if m.check != nil {
		return m.check(d, r, old)
	}
	return nil
}

func (d *db) add(m *menu, req request) (int, error) {
	if err := checkArgs(m, req, "place-before", "copy-from"); err != nil {
		return 0, err
	}
	t := d.table(m.table)
	r := &row{typ: m.typ, vals: map[string]string{}, id: -1}
	if from, ok := req.arg("copy-from"); ok {
		src := d.find(m, from)
		if src == nil {
			return 0, errNoSuchItem()
		}
		r = src.clone()
		r.id, r.dynamic, r.dynKey = -1, false, ""
		delete(r.vals, "name")
	}
	if err := d.applyArgs(m, r, req.attrs); err != nil {
		return 0, err
	}
	var missing []string
	for _, f := range m.fields {
		if _, ok := r.vals[f.name]; f.required && !ok {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return 0, errMissing(strings.Join(missing, ","))
	}
	if m.nameField == "name" && m.autoName != nil && r.vals["name"] == "" {
		r.vals["name"] = m.autoName(d)
	}
	var before *row
	if pb, ok := req.arg("place-before"); ok && m.canMove {
		if before = d.find(m, pb); before == nil {
			return 0, errNoSuchItem()
		}
	}
	if err := d.validate(m, r, nil); err != nil {
		return 0, err
	}
	r.id = t.alloc()
	t.insertBefore(r, before)
	return r.id, nil
}

// targets resolves the items a write command addresses (=.id= or =numbers=).
func (d *db) targets(m *menu, req request) ([]*row, error) {
	if m.singleton {
		return d.rowsOf(m), nil
	}
	ref, ok := req.arg(".id")
	if !ok {
		ref, ok = req.arg("numbers")
	}
	if !ok {
		return nil, errMissing("numbers")
	}
	rows, err := d.findAll(m, ref)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if r.dynamic {
			return nil, failure("can not change dynamic")
		}
		if r.vals["builtin"] == "true" {
			return nil, failure("can not change builtin")
		}
	}
	return rows, nil
}

// update applies change to copies of rows, validates every copy, and only
// then commits them all.
func (d *db) update(m *menu, rows []*row, change func(r *row) error) error {
	copies := make([]*row, len(rows))
	for i, r := range rows {
		c := r.clone()
		if err := change(c); err != nil {
			return err
		}
		if err := d.validate(m, c, r); err != nil {
			return err
		}
		copies[i] = c
	}
	if m.uniqueName != "" {
		seen := map[string]bool{}
		for _, c := range copies {
			name := strings.ToLower(c.vals["name"])
			if seen[name] {
				return failure("%s", m.uniqueName)
			}
			seen[name] = true
		}
	}
	for i, r := range rows {
		oldName := r.vals["name"]
		r.vals = copies[i].vals
		if m.nameField == "name" {
			d.retarget(m.table, r.typ, oldName, r.vals["name"])
		}
	}
	return nil
}

func (d *db) set(m *menu, req request) error {
	allowed := []string{".id", "numbers"}
	if m.singleton {
		allowed = nil
	}
	if err := checkArgs(m, req, allowed...); err != nil {
		return err
	}
	rows, err := d.targets(m, req)
	if err != nil {
		return err
	}
	return d.update(m, rows, func(r *row) error { return d.applyArgs(m, r, req.attrs) })
}

func (d *db) unset(m *menu, req request) error {
	for _, a := range req.attrs {
		if a.k != ".id" && a.k != "numbers" && a.k != "value-name" {
			return errUnknownParam(a.k)
		}
	}
	names, ok := req.arg("value-name")
	if !ok {
		return errMissing("value-name")
	}
	rows, err := d.targets(m, req)
	if err != nil {
		return err
	}
	var attrs []kv
	for _, n := range splitList(names) {
		f := m.field(n)
		if f == nil || f.ro {
			return errNoMatch("value-name")
		}
		attrs = append(attrs, kv{"!" + n, ""})
	}
	return d.update(m, rows, func(r *row) error { return d.applyArgs(m, r, attrs) })
}

func (d *db) toggle(m *menu, req request, disabled bool) error {
	for _, a := range req.attrs {
		if a.k != ".id" && a.k != "numbers" {
			return errUnknownParam(a.k)
		}
	}
	rows, err := d.targets(m, req)
	if err != nil {
		return err
	}
	v := strconv.FormatBool(disabled)
	return d.update(m, rows, func(r *row) error { r.vals["disabled"] = v; return nil })
}

func (d *db) comment(m *menu, req request) error {
	for _, a := range req.attrs {
		if a.k != ".id" && a.k != "numbers" && a.k != "comment" {
			return errUnknownParam(a.k)
		}
	}
	rows, err := d.targets(m, req)
	if err != nil {
		return err
	}
	c, _ := req.arg("comment")
	return d.update(m, rows, func(r *row) error { return d.applyArgs(m, r, []kv{{"comment", c}}) })
}

func (d *db) remove(m *menu, req request) error {
	for _, a := range req.attrs {
		if a.k != ".id" && a.k != "numbers" {
			return errUnknownParam(a.k)
		}
	}
	rows, err := d.targets(m, req)
	if err != nil {
		return err
	}
	if m.removable != nil {
		for _, r := range rows {
			if err := m.removable(r); err != nil {
				return err
			}
		}
	}
	t := d.table(m.table)
	for _, r := range rows {
		t.remove(r)
		if m.nameField == "name" {
			d.retarget(m.table, r.typ, r.vals["name"], formatID(r.id))
		}
	}
	return nil
}

// move places the items before destination (or at the end), keeping their
// relative order.
func (d *db) move(m *menu, req request) error {
	for _, a := range req.attrs {
		if a.k != ".id" && a.k != "numbers" && a.k != "destination" {
			return errUnknownParam(a.k)
		}
	}
	rows, err := d.targets(m, req)
	if err != nil {
		return err
	}
	var dest *row
	if v, ok := req.arg("destination"); ok {
		if dest = d.find(m, v); dest == nil {
			return errNoSuchItem()
		}
	}
	t := d.table(m.table)
	slices.SortFunc(rows, func(a, b *row) int { return t.index(a) - t.index(b) })
	for _, r := range rows {
		if r == dest {
			return nil
		}
	}
	for _, r := range rows {
		t.remove(r)
	}
	for _, r := range rows {
		t.insertBefore(r, dest)
	}
	return nil
}
