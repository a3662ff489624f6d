package proxmox

import (
	"strings"
)

// handler serves one endpoint; it runs holding Server.mu.
type handler func(s *Server, r *request) (any, *apiError)

// route is one method of one path template. perms are "path:Privilege"
// checks with {vars} substituted (any listed privilege on the path
// suffices when separated by "|"); check is an extra, request-dependent check.
type route struct {
	method   string
	template string
	h        handler
	perms    []string
	check    func(s *Server, r *request) *apiError
	noAuth   bool
	segments []string
}

// request is one API call after parsing.
type request struct {
	method   string
	path     string // relative to /api2/json, unescaped
	template string
	vars     map[string]string
	params   map[string]string
	user     string          // root@pam or root@pam!token
	privs    map[string]bool // nil: all privileges
	total    int             // "total" member of the answer when > 0
	upload   *uploadedFile   // the file of an upload (upload.go)
}

var routes []*route

func addRoute(method, template string, h handler, perms ...string) *route {
	r := &route{method: method, template: template, h: h, perms: perms, segments: strings.Split(strings.Trim(template, "/"), "/")}
	routes = append(routes, r)
	return r
}

// match finds the route for path: the route, its variables, and whether the
// path exists with another method.
func match(method, path string) (*route, map[string]string, bool) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	pathKnown := false
	for _, rt := range routes {
		vars, ok := matchSegments(rt.segments, segs)
		if !ok {
			continue
		}
		pathKnown = true
		if rt.method == method {
			return rt, vars, true
		}
	}
	return nil, nil, pathKnown
}

func matchSegments(tmpl, segs []string) (map[string]string, bool) {
	vars := map[string]string{}
	for i, t := range tmpl {
		if i >= len(segs) {
			return nil, false
		}
		if strings.HasPrefix(t, "{") {
			name := t[1 : len(t)-1]
			if name == "volume" && i == len(tmpl)-1 { // volume ids contain '/'
				vars[name] = strings.Join(segs[i:], "/")
				return vars, segs[i] != ""
			}
			if segs[i] == "" {
				return nil, false
			}
			vars[name] = segs[i]
			continue
		}
		if t != segs[i] {
			return nil, false
		}
	}
	return vars, len(segs) == len(tmpl)
}
