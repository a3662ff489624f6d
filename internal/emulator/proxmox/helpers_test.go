package proxmox

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const (
	testTokenID     = "root@pam!acctest"
	testTokenSecret = "d9f0c0de-0000-4000-8000-000000000001"
)

// startTest starts an emulator with a full-privilege token.
func startTest(t *testing.T, opts ...func(*Config)) *Server {
	t.Helper()
	cfg := Config{Tokens: []Token{{ID: testTokenID, Secret: testTokenSecret}}}
	for _, o := range opts {
		o(&cfg)
	}
	s, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rawClient talks HTTP to the emulator, trusting its CA.
type rawClient struct {
	t      *testing.T
	base   string
	hc     *http.Client
	header http.Header
}

func newRawClient(t *testing.T, s *Server) *rawClient {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(s.CACertPEM()) {
		t.Fatal("bad CA PEM")
	}
	return &rawClient{t: t, base: s.URL() + "/api2/json", header: http.Header{},
		hc: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}}
}

func tokenClient(t *testing.T, s *Server) *rawClient {
	c := newRawClient(t, s)
	c.header.Set("Authorization", "PVEAPIToken="+testTokenID+"="+testTokenSecret)
	return c
}

type apiReply struct {
	Status  int
	Data    json.RawMessage   `json:"data"`
	Message string            `json:"message"`
	Errors  map[string]string `json:"errors"`
	Total   int               `json:"total"`
	raw     string
}

// do sends params as a form body (POST/PUT) or query (GET/DELETE).
func (c *rawClient) do(method, path string, params map[string]string) apiReply {
	c.t.Helper()
	vals := url.Values{}
	for k, v := range params {
		vals.Set(k, v)
	}
	u := c.base + path
	var body io.Reader
	if method == "POST" || method == "PUT" {
		body = strings.NewReader(vals.Encode())
	} else if len(vals) > 0 {
		u += "?" + vals.Encode()
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var r apiReply
	if err := json.Unmarshal(b, &r); err != nil {
		c.t.Fatalf("%s %s: %d non-JSON body %q", method, path, resp.StatusCode, b)
	}
	r.Status = resp.StatusCode
	r.raw = string(b)
	return r
}

// ok asserts HTTP 200 and decodes data into v (when not nil).
func (c *rawClient) ok(method, path string, params map[string]string, v any) {
	c.t.Helper()
	r := c.do(method, path, params)
	if r.Status != 200 {
		c.t.Fatalf("%s %s: %d %s", method, path, r.Status, r.raw)
	}
	if v != nil {
		if err := json.Unmarshal(r.Data, v); err != nil {
			c.t.Fatalf("%s %s: %v in %s", method, path, err, r.Data)
		}
	}
}

// fails asserts an error status whose message contains msg.
func (c *rawClient) fails(method, path string, params map[string]string, status int, msg string) apiReply {
	c.t.Helper()
	r := c.do(method, path, params)
	if r.Status != status || !strings.Contains(r.Message+r.raw, msg) {
		c.t.Fatalf("%s %s: want %d %q, got %d %s", method, path, status, msg, r.Status, r.raw)
	}
	return r
}

// task waits for a UPID (data) to stop and returns its exitstatus.
func (c *rawClient) task(upid string) string {
	c.t.Helper()
	node := strings.Split(upid, ":")[1]
	for i := 0; i < 200; i++ {
		var st map[string]any
		c.ok("GET", "/nodes/"+node+"/tasks/"+upid+"/status", nil, &st)
		if st["status"] == "stopped" {
			return st["exitstatus"].(string)
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.t.Fatalf("task %s never finished", upid)
	return ""
}

// okTask runs a task-returning call and asserts its exit status is OK.
func (c *rawClient) okTask(method, path string, params map[string]string) string {
	c.t.Helper()
	var upid string
	c.ok(method, path, params, &upid)
	if st := c.task(upid); st != "OK" {
		c.t.Fatalf("%s %s: task %s: %s", method, path, upid, st)
	}
	return upid
}

// createCT creates a container with a usual set of options.
func (c *rawClient) createCT(node string, vmid string, extra map[string]string) {
	c.t.Helper()
	p := map[string]string{
		"vmid": vmid, "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst",
		"rootfs": "local-lvm:8", "hostname": "ct" + vmid, "net0": "name=eth0,bridge=vmbr0,ip=dhcp",
	}
	for k, v := range extra {
		p[k] = v
	}
	c.okTask("POST", "/nodes/"+node+"/lxc", p)
}

func mustJSON(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
