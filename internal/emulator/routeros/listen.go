package routeros

import (
	"slices"
	"strings"
)

// listener streams a menu's changes to one session: /x/listen, or print
// with =follow= (current rows first) or =follow-only=. Each change is an !re
// with the row as print shows it; a removed row is =.id=*X =.dead=yes. It
// ends on /cancel with !trap category 2 "interrupted" and !done.
type listener struct {
	ss       *session
	m        *menu
	tag      string
	q        query
	proplist []string
	last     map[int]string // row id -> rendered row
}

func isWriteVerb(verb string) bool {
	switch verb {
	case "print", "getall", "get", "listen":
		return false
	}
	return true
}

// render lists the rows a listener sees, keyed by id.
func (l *listener) render(d *db) (map[int]string, map[int]props, []int) {
	keys := map[int]string{}
	rowsByID := map[int]props{}
	var order []int
	for _, r := range d.rowsOf(l.m) {
		p := l.m.printRow(d, r)
		if !l.q.match(p) {
			continue
		}
		if l.proplist != nil {
			sel := make(props, 0, len(l.proplist))
			for _, name := range l.proplist {
				if v, ok := p.get(name); ok {
					sel = append(sel, kv{name, v})
				}
			}
			p = sel
		}
		var b strings.Builder
		for _, e := range p {
			b.WriteString(e.k + "=" + e.v + "\x00")
		}
		keys[r.id] = b.String()
		rowsByID[r.id] = p
		order = append(order, r.id)
	}
	return keys, rowsByID, order
}

// startListen registers a listener for req on ss; with print =follow= the
// current rows are sent first.
func (ss *session) startListen(req request, m *menu, sendCurrent bool) {
	s := ss.s
	q, err := parseQuery(req.queries)
	if err != nil {
		ss.reply(req.tag, result{err: err}, 0)
		return
	}
	l := &listener{ss: ss, m: m, tag: req.tag, q: q}
	if v, ok := req.arg(".proplist"); ok {
		l.proplist = splitList(v)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	keys, rows, order := l.render(s.db)
	l.last = keys
	if sendCurrent {
		var buf []byte
		for _, id := range order {
			buf = appendSentence(buf, rowWords("!re", rows[id], req.tag))
		}
		ss.send(buf)
	}
	if s.listeners == nil {
		s.listeners = map[*listener]struct{}{}
	}
	s.listeners[l] = struct{}{}
}

func rowWords(first string, p props, tag string) []string {
	words := make([]string, 0, len(p)+2)
	words = append(words, first)
	for _, e := range p {
		words = append(words, "="+e.k+"="+e.v)
	}
	if tag != "" {
		words = append(words, ".tag="+tag)
	}
	return words
}

// notify sends every listener the rows that changed. The caller holds s.mu.
func (s *Server) notify() {
	for l := range s.listeners {
		keys, rows, order := l.render(s.db)
		var buf []byte
		for _, id := range order {
			if l.last[id] != keys[id] {
				buf = appendSentence(buf, rowWords("!re", rows[id], l.tag))
			}
		}
		var dead []int
		for id := range l.last {
			if _, ok := keys[id]; !ok {
				dead = append(dead, id)
			}
		}
		slices.Sort(dead)
		for _, id := range dead {
			buf = appendSentence(buf, rowWords("!re", props{{".id", formatID(id)}, {".dead", "yes"}}, l.tag))
		}
		l.last = keys
		if len(buf) > 0 {
			l.ss.send(buf)
		}
	}
}

// cancel ends the session's listener with tag (all of them when tag is
// ""), each with !trap category 2 then !done.
func (ss *session) cancel(tag string, all bool) {
	s := ss.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for l := range s.listeners {
		if l.ss != ss || (!all && l.tag != tag) {
			continue
		}
		delete(s.listeners, l)
		if ss.closing {
			continue
		}
		buf := appendSentence(nil, rowWords("!trap", props{{"category", "2"}, {"message", "interrupted"}}, l.tag))
		buf = appendSentence(buf, rowWords("!done", nil, l.tag))
		ss.send(buf)
	}
}
