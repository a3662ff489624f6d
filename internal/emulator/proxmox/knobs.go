package proxmox

import (
	"net"
	"net/http"
	"strings"
)

// failRule makes the next N requests matching method and path prefix fail.
type failRule struct {
	method, prefix string
	n              int
	mode           FailMode
}

// FailNext makes the next n HTTP requests whose method is method ("" for
// any) and whose path (relative to /api2/json, or absolute) starts with
// pathPrefix fail: FailHTTP500 answers 500, FailReset resets the connection.
// A prefix with "{" matches the path template instead, e.g.
// "/nodes/{node}/lxc/{vmid}/config".
func (s *Server) FailNext(method, pathPrefix string, n int, mode FailMode) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	s.fails = append(s.fails, &failRule{method: strings.ToUpper(method), prefix: strings.TrimPrefix(pathPrefix, apiPrefix), n: n, mode: mode})
}

// takeFailure consumes a matching failure rule.
func (s *Server) takeFailure(method, path, template string) (FailMode, bool) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	for i, f := range s.fails {
		target := path
		if strings.Contains(f.prefix, "{") {
			target = template
		}
		if (f.method == "" || f.method == method) && strings.HasPrefix(target, f.prefix) {
			f.n--
			if f.n <= 0 {
				s.fails = append(s.fails[:i], s.fails[i+1:]...)
			}
			return f.mode, true
		}
	}
	return 0, false
}

// Counters returns the number of HTTP requests per "METHOD /path/template",
// e.g. "GET /nodes/{node}/lxc/{vmid}/config". Unknown paths count by their
// literal path.
func (s *Server) Counters() map[string]int {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	out := make(map[string]int, len(s.counters))
	for k, v := range s.counters {
		out[k] = v
	}
	return out
}

// ResetCounters zeroes the request counters.
func (s *Server) ResetCounters() {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	s.counters = map[string]int{}
}

func (s *Server) count(key string) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	s.counters[key]++
}

// injectFailure answers a request chosen by FailNext.
func injectFailure(w http.ResponseWriter, mode FailMode) {
	if mode == FailReset {
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				if nc, ok := netConn(c).(*net.TCPConn); ok {
					_ = nc.SetLinger(0) // close with RST
				}
				_ = c.Close()
				return
			}
		}
	}
	writeError(w, &apiError{Status: http.StatusInternalServerError, Message: "injected failure (homelab-emulator)"})
}

// netConn unwraps a TLS connection.
func netConn(c net.Conn) net.Conn {
	if t, ok := c.(interface{ NetConn() net.Conn }); ok {
		return t.NetConn()
	}
	return c
}
