package proxmox

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const apiPrefix = "/api2/json"

// ServeHTTP serves the API like pveproxy: /api2/json/..., auth, CSRF, schema
// validation, privileges, then the handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, hr *http.Request) {
	if d := time.Duration(s.latency.Load()); d > 0 {
		time.Sleep(d)
	}
	path := hr.URL.Path
	if !strings.HasPrefix(path, apiPrefix+"/") {
		s.count(hr.Method + " " + path)
		writeError(w, &apiError{Status: http.StatusNotImplemented, Message: "no such uri"})
		return
	}
	path = strings.TrimPrefix(path, apiPrefix)
	rt, vars, _ := match(hr.Method, path)
	template := path
	if rt != nil {
		template = rt.template
	}
	s.count(hr.Method + " " + template)
	if mode, ok := s.takeFailure(hr.Method, path, template); ok {
		injectFailure(w, mode)
		return
	}
	params, upload, perr := readRequestParams(hr)
	if perr != nil {
		writeError(w, perr)
		return
	}
	r := &request{method: hr.Method, path: path, vars: vars, params: params, upload: upload}
	if rt == nil || !rt.noAuth {
		if aerr := s.authenticate(hr, r); aerr != nil {
			writeError(w, aerr)
			return
		}
	}
	if rt == nil {
		writeError(w, notImplemented(hr.Method, path))
		return
	}
	data, aerr := s.dispatch(rt, r)
	if aerr != nil {
		writeError(w, aerr)
		return
	}
	writeData(w, r, data)
}

// dispatch checks token access, parameters and privileges, then runs the
// handler under the state lock.
func (s *Server) dispatch(rt *route, r *request) (any, *apiError) {
	r.template = rt.template
	ms := methodFor(rt.method, rt.template)
	if ms != nil && ms.AllowToken == 0 && strings.Contains(r.user, "!") {
		return nil, &apiError{Status: http.StatusForbidden, Message: fmt.Sprintf("URI '%s' not available with API token, need proper ticket.", r.path)}
	}
	for k, v := range r.vars {
		if pv, ok := r.params[k]; ok && pv != v {
			return nil, paramErr1(k, "duplicate parameter (already defined in URI) with conflicting values!")
		}
	}
	if ms != nil {
		all := make(map[string]string, len(r.params)+len(r.vars))
		for k, v := range r.params {
			all[k] = v
		}
		for k, v := range r.vars {
			all[k] = v
		}
		if errs := validateParams(ms, all); len(errs) > 0 {
			return nil, paramErr(errs)
		}
		for k := range r.params {
			r.params[k] = all[k]
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n, ok := r.vars["node"]; ok && !s.st.hasNode(n) {
		return nil, errf("hostname lookup '%s' failed - failed to get address info for: %s: Name or service not known", n, n)
	}
	if err := s.checkPerms(rt, r); err != nil {
		return nil, err
	}
	if rt.check != nil {
		if err := rt.check(s, r); err != nil {
			return nil, err
		}
	}
	return rt.h(s, r)
}

// readParams merges the query string and the body (urlencoded, also without a
// Content-Type, or JSON); query parameters win. Repeated keys are joined with
// commas and "_dc" is dropped, empty values count as absent.
func readParams(hr *http.Request) (map[string]string, *apiError) {
	params := map[string]string{}
	add := func(vals url.Values) {
		for k, vs := range vals {
			var keep []string
			for _, v := range vs {
				if v != "" {
					keep = append(keep, v)
				}
			}
			if len(keep) > 0 && k != "_dc" {
				params[k] = strings.Join(keep, ",")
			}
		}
	}
	if hr.Body != nil && (hr.Method == http.MethodPost || hr.Method == http.MethodPut) {
		body, err := io.ReadAll(io.LimitReader(hr.Body, 1<<20))
		if err != nil {
			return nil, &apiError{Status: http.StatusBadRequest, Message: "unable to read request body"}
		}
		ct := strings.ToLower(strings.TrimSpace(strings.Split(hr.Header.Get("Content-Type"), ";")[0]))
		switch ct {
		case "application/json":
			if len(strings.TrimSpace(string(body))) > 0 {
				var m map[string]any
				if err := json.Unmarshal(body, &m); err != nil {
					return nil, &apiError{Status: http.StatusBadRequest, Message: "malformed JSON request body"}
				}
				vals := url.Values{}
				for k, v := range m {
					vals[k] = jsonParam(v)
				}
				add(vals)
			}
		case "", "application/x-www-form-urlencoded":
			vals, err := url.ParseQuery(string(body))
			if err != nil {
				return nil, &apiError{Status: http.StatusBadRequest, Message: "unable to parse request body"}
			}
			add(vals)
		default: // multipart/form-data too, but for uploads (upload.go)
			if len(body) == 0 {
				break // pveproxy looks at the type only with a Content-Length
			}
			return nil, &apiError{Status: 506, Message: "upload 'Content-Type '" + hr.Header.Get("Content-Type") + "' not implemented"}
		}
	}
	q, err := url.ParseQuery(hr.URL.RawQuery)
	if err != nil {
		return nil, &apiError{Status: http.StatusBadRequest, Message: "unable to parse query string"}
	}
	add(q)
	return params, nil
}

func jsonParam(v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		if x {
			return []string{"1"}
		}
		return []string{"0"}
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, jsonParam(e)...)
		}
		return out
	default:
		b, _ := json.Marshal(x)
		return []string{string(b)}
	}
}

func setHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Server", "pve-api-daemon/3.0")
	h.Set("Content-Type", "application/json;charset=UTF-8")
	h.Set("Cache-Control", "max-age=0")
	h.Set("Pragma", "no-cache")
	h.Set("Expires", time.Now().UTC().Format(http.TimeFormat))
}

func writeData(w http.ResponseWriter, r *request, data any) {
	setHeaders(w)
	body := map[string]any{"data": data}
	if r.total > 0 {
		body["total"] = r.total
	}
	b, _ := json.Marshal(body)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// writeError answers an error like pve-http-server: the status line carries
// the message's first line as reason phrase (net/http cannot, so the
// connection is taken over; PVE closes it after errors anyway).
func writeError(w http.ResponseWriter, e *apiError) {
	body := map[string]any{"data": nil, "message": e.Message + "\n"}
	if len(e.Errors) > 0 {
		body["errors"] = e.Errors
	}
	b, _ := json.Marshal(body)
	if hj, ok := w.(http.Hijacker); ok {
		if conn, buf, err := hj.Hijack(); err == nil {
			defer conn.Close()
			reason, _, _ := strings.Cut(e.Message, "\n")
			reason = strings.Map(func(r rune) rune {
				if r < ' ' {
					return ' '
				}
				return r
			}, reason)
			fmt.Fprintf(buf, "HTTP/1.1 %d %s\r\n", e.Status, reason)
			fmt.Fprintf(buf, "Server: pve-api-daemon/3.0\r\nContent-Type: application/json;charset=UTF-8\r\n")
			fmt.Fprintf(buf, "Cache-Control: max-age=0\r\nPragma: no-cache\r\nExpires: %s\r\n", time.Now().UTC().Format(http.TimeFormat))
			fmt.Fprintf(buf, "Date: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", time.Now().UTC().Format(http.TimeFormat), len(b))
			buf.Write(b)
			buf.Flush()
			return
		}
	}
	setHeaders(w)
	w.Header().Set("Connection", "close")
	w.WriteHeader(e.Status)
	_, _ = w.Write(b)
}
