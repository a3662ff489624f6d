package routeros

import (
	"fmt"
	"slices"
	"strings"
)

// LoadExport loads a RouterOS /export script: menu lines ("/interface
// vlan"), add/set/remove/enable/disable commands, "[ find k=v ]" item
// selectors, quoted values, "\" line continuations and comments. Commands of
// menus the emulator does not model, and parameters it does not know, are
// skipped (a real router's export has many); a set on a [ find ] that matches
// nothing (e.g. an sfp port) is skipped too. Any other failure stops the
// load with the line number and RouterOS's message. LoadExportReport tells
// what was skipped.
func (s *Server) LoadExport(script string) error {
	_, err := s.LoadExportReport(script, false)
	return err
}

// LoadExportReport loads a script as LoadExport does and reports the lines
// it loaded and what it skipped. With strict, the first skip stops the load
// as a failure would ("line N: /menu: reason"). Either way the lines before
// the failing one stay loaded: a load is not rolled back (Start drops the
// server when its seed fails).
func (s *Server) LoadExportReport(script string, strict bool) (SeedReport, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rep, err := s.db.loadExport(script, strict)
	if len(s.listeners) > 0 {
		s.notify()
	}
	return rep, err
}

func (d *db) loadExport(script string, strict bool) (SeedReport, error) {
	var rep SeedReport
	menuPath, menuWords := "", ""
	lines := strings.Split(strings.ReplaceAll(script, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		line := lines[i]
		for strings.HasSuffix(line, "\\") && i+1 < len(lines) {
			i++
			line = line[:len(line)-1] + strings.TrimLeft(lines[i], " \t")
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		toks, err := tokenize(line)
		if err != nil {
			return rep, fmt.Errorf("line %d: %v", lineNo, err)
		}
		text := line
		if strings.HasPrefix(toks[0], "/") {
			// "/ip address" or "/ip address add ..."
			menuPath, menuWords, toks = splitMenu(toks)
			if len(toks) == 0 {
				continue
			}
		} else if menuWords != "" {
			text = menuWords + " " + line // the report shows the whole command
		}
		req, skip, err := d.seedRequest(menuPath, toks)
		if err != nil {
			return rep, lineError(lineNo, menuPath, err)
		}
		if skip != "" {
			if strict {
				return rep, lineError(lineNo, menuPath, skip)
			}
			rep.Skipped = append(rep.Skipped, SkippedLine{Line: lineNo, Menu: menuPath, Text: redact(text), Reason: skip, Partial: req != nil})
		}
		if req == nil {
			continue
		}
		if err := d.exec(*req).err; err != nil {
			return rep, lineError(lineNo, menuPath, err)
		}
		rep.Loaded++
	}
	d.refreshDynamic()
	return rep, nil
}

// splitMenu splits "/ip address add ..." into the menu's path
// ("/ip/address"), its words as an export writes them ("/ip address") and
// the command.
func splitMenu(toks []string) (path, words string, rest []string) {
	names := []string{strings.TrimPrefix(toks[0], "/")}
	j := 1
	for ; j < len(toks); j++ {
		if strings.Contains(toks[j], "=") || isVerb(toks[j]) || strings.HasPrefix(toks[j], "[") {
			break
		}
		names = append(names, toks[j])
	}
	names = slices.DeleteFunc(names, func(s string) bool { return s == "" })
	return "/" + strings.Join(names, "/"), "/" + strings.Join(names, " "), toks[j:]
}

// lineError is a failure of the script's line lineNo, in menu menuPath.
func lineError(lineNo int, menuPath string, err any) error {
	if menuPath == "" {
		return fmt.Errorf("line %d: %v", lineNo, err)
	}
	return fmt.Errorf("line %d: %s: %v", lineNo, menuPath, err)
}

func isVerb(s string) bool {
	switch s {
	case "add", "set", "remove", "enable", "disable", "unset", "move", "comment":
		return true
	}
	return false
}

// seedArgs are the arguments of commands that are not properties.
var seedArgs = []string{"place-before", "copy-from", "numbers", "value-name", "destination"}

// seedRequest turns an export command into the API request it stands for.
// skip says why the emulator leaves out the whole command (req is nil) or
// some of its parameters (req runs the rest).
func (d *db) seedRequest(menuPath string, toks []string) (req *request, skip string, err error) {
	m := d.menus[menuPath]
	switch {
	case m == nil && menuPath == "":
		return nil, fmt.Sprintf("command %s is not modelled", toks[0]), nil
	case m == nil:
		return nil, fmt.Sprintf("menu %s is not modelled", menuPath), nil
	case !isVerb(toks[0]):
		return nil, fmt.Sprintf("command %s of %s is not modelled", toks[0], menuPath), nil
	}
	req = &request{command: menuPath + "/" + toks[0]}
	var unknown []string
	missingCert := ""
	for _, t := range toks[1:] {
		switch {
		case strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]"):
			expr := strings.TrimSpace(t[1 : len(t)-1])
			ids, err := d.seedFind(m, expr)
			if err != nil {
				return nil, "", err
			}
			if len(ids) == 0 {
				return nil, fmt.Sprintf("[ %s ] matches no row", redact(expr)), nil
			}
			req.attrs = append(req.attrs, kv{"numbers", strings.Join(ids, ",")})
		case strings.Contains(t, "="):
			k, v, _ := strings.Cut(t, "=")
			name := strings.TrimPrefix(k, "!")
			if f := m.field(name); (f == nil || f.ro) && !slices.Contains(seedArgs, k) {
				unknown = append(unknown, name)
				continue
			}
			if menuPath == "/ip/service" && name == "certificate" && v != "none" && d.certificateByName(strings.Trim(v, `"`)) == nil {
				// An /export holds no certificates: the binding is left out
				// (and reported) instead of failing the whole load.
				missingCert = strings.Trim(v, `"`)
				continue
			}
			req.attrs = append(req.attrs, kv{k, v})
		default:
			// a bare item reference: set ether1 ..., remove *3
			req.attrs = append(req.attrs, kv{"numbers", t})
		}
	}
	if m.singleton {
		req.attrs = slices.DeleteFunc(req.attrs, func(a kv) bool { return a.k == "numbers" })
	}
	skip = unknownParams(unknown, menuPath)
	if missingCert != "" {
		if skip != "" {
			skip += "; "
		}
		skip += fmt.Sprintf("certificate %s is not on the emulator (an export holds no certificates), so the service keeps none", missingCert)
	}
	return req, skip, nil
}

// seedFind evaluates "find k=v k2=v2" (and "find where k=v") against a menu.
func (d *db) seedFind(m *menu, expr string) ([]string, error) {
	toks, err := tokenize(expr)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 || toks[0] != "find" {
		return nil, fmt.Errorf("unsupported item selector [ %s ]", expr)
	}
	var q []string
	for _, t := range toks[1:] {
		if t == "where" {
			continue
		}
		if !strings.Contains(t, "=") {
			return nil, fmt.Errorf("unsupported item selector [ %s ]", expr)
		}
		q = append(q, t)
	}
	res := d.print(m, request{queries: q, attrs: []kv{{".proplist", ".id"}}})
	if res.err != nil {
		return nil, res.err
	}
	var ids []string
	for _, p := range res.rows {
		v, _ := p.get(".id")
		ids = append(ids, v)
	}
	return ids, nil
}

// tokenize splits a script line into words, keeping "[ ... ]" groups whole
// and decoding quoted values (k="a b" -> k=a b).
func tokenize(line string) ([]string, error) {
	var toks []string
	var cur strings.Builder
	inTok := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			if inTok {
				toks = append(toks, cur.String())
				cur.Reset()
				inTok = false
			}
		case c == '[':
			depth, j := 0, i
			for ; j < len(line); j++ {
				if line[j] == '[' {
					depth++
				} else if line[j] == ']' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j == len(line) {
				return nil, fmt.Errorf("unbalanced [")
			}
			cur.WriteString(line[i : j+1])
			inTok = true
			i = j
		case c == '"':
			inTok = true
			j := i + 1
			for ; j < len(line) && line[j] != '"'; j++ {
				if line[j] != '\\' || j+1 >= len(line) {
					cur.WriteByte(line[j])
					continue
				}
				j++
				switch e := line[j]; e {
				case 'n':
					cur.WriteByte('\n')
				case 'r':
					cur.WriteByte('\r')
				case 't':
					cur.WriteByte('\t')
				case '_':
					cur.WriteByte(' ')
				default:
					if isHex(e) && j+1 < len(line) && isHex(line[j+1]) {
						var b byte
						fmt.Sscanf(line[j:j+2], "%02X", &b)
						cur.WriteByte(b)
						j++
					} else {
						cur.WriteByte(e)
					}
				}
			}
			if j >= len(line) {
				return nil, fmt.Errorf("unterminated quote")
			}
			i = j
		default:
			cur.WriteByte(c)
			inTok = true
		}
	}
	if inTok {
		toks = append(toks, cur.String())
	}
	return toks, nil
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f'
}
