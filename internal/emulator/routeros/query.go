package routeros

import (
	"strconv"
	"strings"
)

// query is a compiled list of print query words (without the leading '?').
// Each word pushes a boolean or, for '#', combines the stack; an item
// matches when no false value remains (an empty stack matches).
type query []queryWord

type queryWord struct {
	op    byte // 'h' has, '-' lacks, '=' equal, '<' less, '>' greater, '#' stack ops
	name  string
	value string
}

func parseQuery(words []string) (query, error) {
	q := make(query, 0, len(words))
	for _, w := range words {
		if w == "" {
			return nil, &trapError{"invalid query", catAPI}
		}
		var qw queryWord
		switch w[0] {
		case '#':
			qw = queryWord{op: '#', value: w[1:]}
			if strings.Trim(qw.value, "0123456789!&|.") != "" {
				return nil, &trapError{"invalid query operation", catAPI}
			}
		case '-':
			qw = queryWord{op: '-', name: w[1:]}
		case '<', '>', '=':
			name, value, ok := strings.Cut(w[1:], "=")
			if !ok {
				if w[0] != '=' {
					return nil, &trapError{"invalid query", catAPI}
				}
				qw = queryWord{op: 'h', name: name}
				break
			}
			qw = queryWord{op: w[0], name: name, value: value}
		default:
			name, value, ok := strings.Cut(w, "=")
			if ok {
				qw = queryWord{op: '=', name: name, value: value}
			} else {
				qw = queryWord{op: 'h', name: name}
			}
		}
		q = append(q, qw)
	}
	return q, nil
}

// compare orders two property values: numerically when both are numbers,
// otherwise as strings.
func compare(a, b string) int {
	x, err1 := strconv.ParseInt(a, 10, 64)
	y, err2 := strconv.ParseInt(b, 10, 64)
	if err1 == nil && err2 == nil {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(a, b)
}

func (q query) match(p props) bool {
	if len(q) == 0 {
		return true
	}
	var st []bool
	pop := func() bool {
		if len(st) == 0 {
			return true
		}
		v := st[len(st)-1]
		st = st[:len(st)-1]
		return v
	}
	at := func(i int) bool { // 0 is the top
		if i < len(st) {
			return st[len(st)-1-i]
		}
		return true
	}
	for _, w := range q {
		v, has := p.get(w.name)
		switch w.op {
		case 'h':
			st = append(st, has)
		case '-':
			st = append(st, !has)
		case '=':
			st = append(st, v == w.value) // an absent property equals ""

		case '<':
			st = append(st, has && compare(v, w.value) < 0)
		case '>':
			st = append(st, has && compare(v, w.value) > 0)
		case '#':
			ops := w.value
			for i := 0; i < len(ops); {
				c := ops[i]
				if c >= '0' && c <= '9' {
					j := i
					for j < len(ops) && ops[j] >= '0' && ops[j] <= '9' {
						j++
					}
					n, _ := strconv.Atoi(ops[i:j])
					val := at(n)
					if j == len(ops) {
						st = []bool{val} // an index at the end replaces the stack
					} else {
						st = append(st, val)
						if ops[j] == '.' {
							j++ // '.' after an index does nothing
						}
					}
					i = j
					continue
				}
				switch c {
				case '!':
					st = append(st, !pop())
				case '&':
					a, b := pop(), pop()
					st = append(st, a && b)
				case '|':
					a, b := pop(), pop()
					st = append(st, a || b)
				case '.':
					st = append(st, at(0))
				}
				i++
			}
		}
	}
	for _, b := range st {
		if !b {
			return false
		}
	}
	return true
}

// prefilter narrows rows before they are rendered when the query (without
// stack operations, so all words must hold) asks for one .id or name: a
// refresh reads one row by id out of a large table.
func (q query) prefilter(m *menu, rows []*row) []*row {
	for _, w := range q {
		if w.op == '#' {
			return rows
		}
	}
	for _, w := range q {
		if w.op != '=' {
			continue
		}
		switch {
		case w.name == ".id" && !m.singleton:
			id, ok := parseID(w.value)
			if !ok {
				return nil
			}
			for _, r := range rows {
				if r.id == id {
					return []*row{r}
				}
			}
			return nil
		case w.name == "name" && m.nameField == "name" && w.value != "":
			var out []*row
			for _, r := range rows {
				if r.vals["name"] == w.value {
					out = append(out, r)
				}
			}
			return out
		}
	}
	return rows
}
