package proxmox

import (
	"encoding/json"
	"strings"
)

// Call runs one API request in-process as root@pam (no auth, no knobs or
// counters; the same validation and state) for tests' out-of-band changes.
// path is relative to /api2/json, e.g.
//
//	s.Call("PUT", "/nodes/pve-s1/lxc/1005/config", map[string]string{"memory": "1024"})
//
// It returns the JSON "data" member, or an error whose text is PVE's
// status and message (with the errors map for parameter errors).
func (s *Server) Call(method, path string, params map[string]string) (json.RawMessage, error) {
	method = strings.ToUpper(method)
	path = strings.TrimPrefix(path, apiPrefix)
	p := map[string]string{}
	for k, v := range params {
		if v != "" {
			p[k] = v
		}
	}
	rt, vars, _ := match(method, path)
	if rt == nil {
		return nil, notImplemented(method, path)
	}
	r := &request{method: method, path: path, vars: vars, params: p, user: "root@pam"}
	data, err := s.dispatch(rt, r)
	if err != nil {
		return nil, err
	}
	b, jerr := json.Marshal(data)
	if jerr != nil {
		return nil, jerr
	}
	return b, nil
}
