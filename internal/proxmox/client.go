package proxmox

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	pxapi "github.com/Telmate/proxmox-api-go/proxmox"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/tlsconfig"
)

// Client wraps proxmox-api-go. The library stays the HTTP transport (its
// session builds every request, its generic Get/Post/Put/Delete methods send
// them), while this wrapper adds what the provider needs around it:
//
//   - authentication by API token, or by username/password with a ticket that
//     is renewed before it expires (and once more on a 401), done in the
//     http.RoundTripper handed to the library so concurrent requests never see
//     a half-written ticket;
//   - TLS verified by default (tlsconfig.Client);
//   - its own task waiter: every call that returns a UPID is waited for with
//     a short, growing poll interval instead of the library's fixed 2 s sleep,
//     transient failures of a poll (HTTP 5xx, dropped connection) are retried,
//     and a failed task's exit status and last log lines become the error;
//   - VMID allocation that never hands the same id to two parallel creates.
type Client struct {
	api     *pxapi.Client
	tr      *transport
	timeout time.Duration

	// PollInterval is the first task poll interval; it grows to PollMax.
	pollMin, pollMax time.Duration

	idMu     sync.Mutex
	reserved map[int]bool

	// The cluster's guests as listed before this run's first create, and
	// the guests the run destroyed since (guestcreate.go).
	guestsMu  sync.Mutex
	guests    []map[string]any
	destroyed map[int]bool
}

// clientKey is the providerdata cache key of the Proxmox client.
const clientKey = "proxmox"

// clientOrDiag is clientFrom for CRUD methods: a failure becomes the
// diagnostic and the result is nil.
func clientOrDiag(ctx context.Context, d *providerdata.Data, diags *diag.Diagnostics) *Client {
	c, err := clientFrom(ctx, d)
	if err != nil {
		diags.AddError("Proxmox VE client", err.Error())
		return nil
	}
	return c
}

// clientFrom returns the cached client, building it on first use.
func clientFrom(ctx context.Context, d *providerdata.Data) (*Client, error) {
	if d == nil || d.Proxmox == nil {
		return nil, providerdata.NotConfigured("proxmox", providerdata.ProxmoxEnv)
	}
	c, err := d.Client(clientKey, func() (any, error) { return NewClient(ctx, d.Proxmox) })
	if err != nil {
		return nil, err
	}
	return c.(*Client), nil
}

// NewClient connects to PVE with the resolved provider settings. With a
// username and password it logs in right away, so wrong credentials fail here
// with a clear message.
func NewClient(ctx context.Context, s *providerdata.ProxmoxSettings) (*Client, error) {
	if s.Endpoint == "" {
		return nil, errors.New("the proxmox endpoint is not set (provider `proxmox { endpoint = \"https://host:8006\" }` or PROXMOX_VE_ENDPOINT)")
	}
	tlsCfg, err := tlsconfig.Client(s.CACertificate, s.Insecure)
	if err != nil {
		return nil, fmt.Errorf("proxmox TLS settings: %w", err)
	}
	apiURL := strings.TrimRight(s.Endpoint, "/")
	if !strings.HasSuffix(apiURL, "/api2/json") {
		apiURL += "/api2/json"
	}
	tr := &transport{base: &http.Transport{
		TLSClientConfig:     tlsCfg,
		DisableCompression:  true,
		Proxy:               http.ProxyFromEnvironment,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     90 * time.Second,
	}}
	hc := &http.Client{Transport: tr, Timeout: 2 * time.Minute}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Minute
	}
	api, err := pxapi.NewClient(apiURL, hc, "", tlsCfg, "", int(timeout/time.Second), false)
	if err != nil {
		return nil, fmt.Errorf("proxmox client: %w", err)
	}
	c := &Client{api: api, tr: tr, timeout: timeout, pollMin: 50 * time.Millisecond, pollMax: time.Second, reserved: map[int]bool{}}

	switch {
	case s.APIToken != "":
		idPart, secret, ok := strings.Cut(s.APIToken, "=")
		var id pxapi.ApiTokenID
		if !ok || secret == "" || id.Parse(idPart) != nil {
			return nil, errors.New("the proxmox api_token must look like `user@realm!tokenname=secret`")
		}
		api.SetAPIToken(id, pxapi.ApiTokenSecret(secret))
	case s.Username != "" && s.Password != "":
		loginAPI, err := pxapi.NewClient(apiURL, hc, "", tlsCfg, "", 30, false)
		if err != nil {
			return nil, fmt.Errorf("proxmox client: %w", err)
		}
		tr.auth = &ticketAuth{api: loginAPI, username: s.Username, password: s.Password, renewAfter: time.Hour}
		if err := tr.auth.renew(ctx, ""); err != nil {
			return nil, err
		}
		t, csrf := tr.auth.current()
		// The library now sends PVEAuthCookie + CSRFPreventionToken; the
		// transport replaces both with the newest ticket on every request.
		api.SetTicket(t, csrf)
	default:
		return nil, errors.New("proxmox credentials are missing: set `api_token` (user@realm!name=secret), or `username` and `password`, " +
			"in the provider's proxmox block (or PROXMOX_VE_API_TOKEN / PROXMOX_VE_USERNAME + PROXMOX_VE_PASSWORD)")
	}
	return c, nil
}

// ---------------------------------------------------------------------------
// transport

type captureKey struct{}

// capture receives the raw body of the response to a request made with a
// context from withCapture: the library's Delete and Login discard it.
type capture struct {
	status int
	body   []byte
}

func withCapture(ctx context.Context) (context.Context, *capture) {
	c := &capture{}
	return context.WithValue(ctx, captureKey{}, c), c
}

type transport struct {
	base http.RoundTripper
	auth *ticketAuth // nil with an API token
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	isLogin := strings.HasSuffix(req.URL.Path, "/access/ticket")
	if t.auth != nil && !isLogin {
		if err := t.auth.ensure(req.Context()); err != nil {
			return nil, err
		}
		req = t.withTicket(req)
	}
	resp, err := t.send(req)
	replayable := req.Body == nil || req.GetBody != nil
	if err == nil && resp.StatusCode == http.StatusUnauthorized && t.auth != nil && !isLogin && replayable {
		// The ticket expired under us (PVE tickets live 2 h; a test server may
		// use less): log in again and replay the request once.
		used := strings.TrimPrefix(req.Header.Get("Authorization"), "PVEAuthCookie=")
		if rerr := t.auth.renew(req.Context(), used); rerr == nil {
			resp.Body.Close()
			r2 := t.withTicket(req)
			if req.GetBody != nil {
				if b, berr := req.GetBody(); berr == nil {
					r2.Body = b
				}
			}
			resp, err = t.send(r2)
		}
	}
	if err != nil {
		return nil, err
	}
	if c, ok := req.Context().Value(captureKey{}).(*capture); ok {
		b, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		if rerr != nil {
			return nil, rerr
		}
		c.status, c.body = resp.StatusCode, b
		resp.Body = io.NopCloser(bytes.NewReader(b))
	}
	return resp, nil
}

// send retries idempotent requests whose connection failed (reset, EOF)
// before any answer came back.
func (t *transport) send(req *http.Request) (*http.Response, error) {
	var resp *http.Response
	var err error
	for attempt := 0; ; attempt++ {
		resp, err = t.base.RoundTrip(req)
		if err == nil || attempt >= 3 || req.Context().Err() != nil || isTLSError(err) {
			return resp, err
		}
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			return resp, err
		}
		select {
		case <-req.Context().Done():
			return nil, req.Context().Err()
		case <-time.After(time.Duration(attempt+1) * 200 * time.Millisecond):
		}
	}
}

// isTLSError reports a certificate problem, which a retry cannot fix.
func isTLSError(err error) bool {
	var ve *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var hn x509.HostnameError
	var ci x509.CertificateInvalidError
	return errors.As(err, &ve) || errors.As(err, &ua) || errors.As(err, &hn) || errors.As(err, &ci)
}

func (t *transport) withTicket(req *http.Request) *http.Request {
	ticket, csrf := t.auth.current()
	r := req.Clone(req.Context())
	r.Header.Set("Authorization", "PVEAuthCookie="+ticket)
	r.Header.Set("CSRFPreventionToken", csrf)
	return r
}

// ticketAuth holds the current ticket of a username/password login.
type ticketAuth struct {
	api                *pxapi.Client // used only to log in
	username, password string
	renewAfter         time.Duration

	mu     sync.Mutex
	ticket string
	csrf   string
	issued time.Time
}

func (a *ticketAuth) current() (string, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.ticket, a.csrf
}

// ensure renews the ticket once it is older than renewAfter (half of PVE's
// two-hour lifetime), before any request can fail with it.
func (a *ticketAuth) ensure(ctx context.Context) error {
	a.mu.Lock()
	stale := time.Since(a.issued) > a.renewAfter
	t := a.ticket
	a.mu.Unlock()
	if !stale {
		return nil
	}
	return a.renew(ctx, t)
}

// renew logs in again unless another goroutine already replaced the ticket
// `used` (so a burst of 401s leads to one login).
func (a *ticketAuth) renew(ctx context.Context, used string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if used != "" && a.ticket != used {
		return nil
	}
	cctx, cap := withCapture(ctx)
	err := a.api.Login(cctx, a.username, a.password, "")
	if err != nil {
		var apiErr *pxapi.ApiError
		if errors.As(err, &apiErr) || cap.status == http.StatusUnauthorized {
			return fmt.Errorf("proxmox login as %q failed: %s (check the username, realm and password)", a.username, describeAPIError(err))
		}
		return fmt.Errorf("proxmox login as %q: %w", a.username, err)
	}
	var body struct {
		Data struct {
			Ticket string `json:"ticket"`
			CSRF   string `json:"CSRFPreventionToken"`
		} `json:"data"`
	}
	if err := json.Unmarshal(cap.body, &body); err != nil || body.Data.Ticket == "" {
		return fmt.Errorf("proxmox login as %q: unexpected answer %q", a.username, truncate(string(cap.body), 200))
	}
	a.ticket, a.csrf, a.issued = body.Data.Ticket, body.Data.CSRF, time.Now()
	return nil
}

// ---------------------------------------------------------------------------
// errors

// APIError is a failed PVE API call, with the HTTP status and PVE's message.
type APIError struct {
	Method, Path string
	Status       int
	Message      string
	Errors       map[string]string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: ", e.Method, e.Path)
	if e.Status != 0 {
		fmt.Fprintf(&b, "HTTP %d ", e.Status)
	}
	msg := strings.TrimSpace(e.Message)
	if msg == "" {
		msg = http.StatusText(e.Status)
	}
	b.WriteString(msg)
	for k, v := range e.Errors {
		fmt.Fprintf(&b, "; %s: %s", k, strings.TrimSpace(v))
	}
	switch e.Status {
	case http.StatusUnauthorized:
		b.WriteString(" (authentication failed: check the API token or the username/password)")
	case http.StatusForbidden:
		b.WriteString(" (the token or user lacks a privilege for this call: grant it on the path named above, " +
			"and for tokens with privilege separation also to the token itself)")
	}
	return b.String()
}

// NotFound reports whether the error means the object does not exist.
func NotFound(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	if e.Status == http.StatusNotFound {
		return true
	}
	m := strings.ToLower(e.Message)
	return strings.Contains(m, "does not exist") || strings.Contains(m, "no such")
}

func describeAPIError(err error) string {
	var apiErr *pxapi.ApiError
	if errors.As(err, &apiErr) {
		s := apiErr.Code + " " + apiErr.Message
		for k, v := range apiErr.Errors {
			s += fmt.Sprintf("; %s: %v", k, v)
		}
		return strings.TrimSpace(s)
	}
	return err.Error()
}

// apiError turns the library's error (and the response body it kept) into an
// *APIError.
func apiError(method, path string, err error, body string) error {
	if err == nil {
		return nil
	}
	e := &APIError{Method: method, Path: path}
	var apiErr *pxapi.ApiError
	if errors.As(err, &apiErr) {
		e.Status, _ = strconv.Atoi(apiErr.Code)
		e.Message = apiErr.Message
		if len(apiErr.Errors) > 0 {
			e.Errors = map[string]string{}
			for k, v := range apiErr.Errors {
				e.Errors[k] = fmt.Sprint(v)
			}
		}
		return e
	}
	// Non-JSON error bodies come back as the bare status line.
	if code, rest, ok := strings.Cut(err.Error(), " "); ok && len(code) == 3 {
		if n, cerr := strconv.Atoi(code); cerr == nil {
			e.Status, e.Message = n, rest
			if body != "" && !strings.HasPrefix(body, "{") {
				e.Message += ": " + truncate(body, 300)
			}
			return e
		}
	}
	return fmt.Errorf("%s %s: %w", method, path, err)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// ---------------------------------------------------------------------------
// requests

// Get returns the `data` member of GET path (path relative to /api2/json,
// query included).
func (c *Client) Get(ctx context.Context, path string) (any, error) {
	list, err := c.api.GetItemList(ctx, path)
	if err != nil {
		return nil, apiError("GET", path, err, "")
	}
	return list["data"], nil
}

// GetMap is Get for an object answer.
func (c *Client) GetMap(ctx context.Context, path string) (map[string]any, error) {
	d, err := c.Get(ctx, path)
	if err != nil {
		return nil, err
	}
	m, ok := d.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("GET %s: expected an object, got %T", path, d)
	}
	return m, nil
}

// GetList is Get for an array answer.
func (c *Client) GetList(ctx context.Context, path string) ([]map[string]any, error) {
	d, err := c.Get(ctx, path)
	if err != nil {
		return nil, err
	}
	arr, ok := d.([]any)
	if !ok {
		if d == nil {
			return nil, nil
		}
		return nil, fmt.Errorf("GET %s: expected an array, got %T", path, d)
	}
	out := make([]map[string]any, 0, len(arr))
	for _, v := range arr {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out, nil
}

func decodeData(method, path, body string) (any, error) {
	if strings.TrimSpace(body) == "" {
		return nil, nil
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		return nil, fmt.Errorf("%s %s: unexpected answer %q", method, path, truncate(body, 200))
	}
	return m["data"], nil
}

// Post sends POST path with form params and returns `data` (a UPID for async
// calls) without waiting.
func (c *Client) Post(ctx context.Context, path string, params map[string]any) (any, error) {
	body, err := c.api.CreateItemReturnStatus(ctx, params, path)
	if err != nil {
		return nil, redactSecrets(apiError("POST", path, err, body), params)
	}
	return decodeData("POST", path, body)
}

// Put sends PUT path and returns `data`.
func (c *Client) Put(ctx context.Context, path string, params map[string]any) (any, error) {
	body, err := c.api.UpdateItemReturnStatus(ctx, params, path)
	if err != nil {
		return nil, redactSecrets(apiError("PUT", path, err, body), params)
	}
	return decodeData("PUT", path, body)
}

// Delete sends DELETE path (query params allowed) and returns `data`.
func (c *Client) Delete(ctx context.Context, path string) (any, error) {
	cctx, cap := withCapture(ctx)
	if err := c.api.Delete(cctx, path); err != nil {
		return nil, apiError("DELETE", path, err, string(cap.body))
	}
	return decodeData("DELETE", path, string(cap.body))
}

// PostTask, PutTask and DeleteTask make the call and wait for its task.
func (c *Client) PostTask(ctx context.Context, path string, params map[string]any) error {
	d, err := c.Post(ctx, path, params)
	if err != nil {
		return err
	}
	return redactSecrets(c.WaitData(ctx, d), params)
}

func (c *Client) PutTask(ctx context.Context, path string, params map[string]any) error {
	d, err := c.Put(ctx, path, params)
	if err != nil {
		return err
	}
	return redactSecrets(c.WaitData(ctx, d), params)
}

// secretParams are the request parameters whose values must never appear
// in an error (which becomes a diagnostic, and so also a log line).
var secretParams = []string{"password", "cipassword"}

// redactSecrets replaces the values of secretParams in err's text with
// "<hidden>": PVE's own messages and task logs normally hide them
// (qemu-server logs "-cipassword <hidden>"), but a task log or error text
// that echoes a request parameter must not carry a password into the
// diagnostics and TF_LOG.
func redactSecrets(err error, params map[string]any) error {
	if err == nil {
		return nil
	}
	var secrets []string
	for _, k := range secretParams {
		if v, ok := params[k].(string); ok && len(v) >= 3 {
			secrets = append(secrets, v)
		}
	}
	if len(secrets) == 0 {
		return err
	}
	scrub := func(s string) string {
		for _, x := range secrets {
			s = strings.ReplaceAll(s, x, "<hidden>")
		}
		return s
	}
	var te *TaskError
	if errors.As(err, &te) {
		te.ExitStatus = scrub(te.ExitStatus)
		for i := range te.Log {
			te.Log[i] = scrub(te.Log[i])
		}
	}
	var ae *APIError
	if errors.As(err, &ae) {
		ae.Message = scrub(ae.Message)
		for k, v := range ae.Errors {
			ae.Errors[k] = scrub(v)
		}
	}
	if msg := err.Error(); scrub(msg) != msg {
		return errors.New(scrub(msg)) // another error type still carrying it
	}
	return err
}

func (c *Client) DeleteTask(ctx context.Context, path string) error {
	d, err := c.Delete(ctx, path)
	if err != nil {
		return err
	}
	return c.WaitData(ctx, d)
}

// WaitData waits for the task when data is a UPID (calls that finished
// synchronously return null).
func (c *Client) WaitData(ctx context.Context, data any) error {
	s, ok := data.(string)
	if !ok || !strings.HasPrefix(s, "UPID:") {
		return nil
	}
	return c.WaitTask(ctx, s)
}

// TaskError is a PVE task that finished with an error exit status.
type TaskError struct {
	UPID       string
	ExitStatus string
	Log        []string
}

func (e *TaskError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Proxmox task %s failed: %s", e.UPID, e.ExitStatus)
	if len(e.Log) > 0 {
		b.WriteString("\nlast lines of the task log:\n  ")
		b.WriteString(strings.Join(e.Log, "\n  "))
	}
	return b.String()
}

// upidNode returns the node part of UPID:<node>:...
func upidNode(upid string) string {
	parts := strings.SplitN(upid, ":", 3)
	if len(parts) < 3 {
		return ""
	}
	return parts[1]
}

// WaitTask polls the task's status until it stops. The interval starts at
// pollMin and grows to pollMax, so a quick task costs one or two polls and no
// fixed sleep. Up to 8 consecutive failed polls (HTTP 5xx, connection reset,
// or "no such task" while the task is not visible yet) are retried.
func (c *Client) WaitTask(ctx context.Context, upid string) error {
	node := upidNode(upid)
	if node == "" {
		return fmt.Errorf("unexpected task id %q", upid)
	}
	path := fmt.Sprintf("/nodes/%s/tasks/%s/status", node, upid)
	deadline := time.Now().Add(c.timeout)
	interval := c.pollMin
	failures := 0
	for {
		st, err := c.GetMap(ctx, path)
		if err != nil {
			failures++
			if failures > 8 || ctx.Err() != nil {
				return fmt.Errorf("waiting for task %s: %w", upid, err)
			}
		} else {
			failures = 0
			if str(st["status"]) == "stopped" || st["exitstatus"] != nil {
				exit := str(st["exitstatus"])
				if exit == "OK" || strings.HasPrefix(exit, "WARNINGS") {
					return nil
				}
				return &TaskError{UPID: upid, ExitStatus: exit, Log: c.taskLogTail(ctx, node, upid, 10)}
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("task %s still running after %s (the provider's proxmox timeout)", upid, c.timeout)
		}
		wait := interval
		if failures > 0 {
			wait = time.Duration(failures) * 250 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for task %s: %w", upid, ctx.Err())
		case <-time.After(wait):
		}
		interval = min(interval*3/2+time.Millisecond, c.pollMax)
	}
}

func (c *Client) taskLogTail(ctx context.Context, node, upid string, n int) []string {
	lines, err := c.GetList(ctx, fmt.Sprintf("/nodes/%s/tasks/%s/log?start=0&limit=5000", node, upid))
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range lines {
		if t := str(l["t"]); t != "" && t != "no content" {
			out = append(out, t)
		}
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

// ---------------------------------------------------------------------------
// config updates guarded by the digest

// ConfigChangedError is PVE's refusal of a config update whose digest no
// longer matches the guest's config: someone changed the guest after the
// provider last read it (between plan and apply), and applying the plan
// would silently overwrite that change.
type ConfigChangedError struct {
	Kind string // "lxc" or "qemu"
	Node string
	VMID int64
	Err  error // PVE's answer
}

func (e *ConfigChangedError) Error() string {
	what, typ := "container", "homelab_proxmox_lxc"
	if e.Kind == "qemu" {
		what, typ = "VM", "homelab_proxmox_vm"
	}
	return fmt.Sprintf("The %s %s/%d (%s) was changed outside OpenTofu after it was last read: "+
		"its configuration no longer matches the one this plan was computed from, so Proxmox VE refused the update "+
		"and nothing was overwritten. Run `tofu plan` (or `tofu apply`) again, with refresh enabled, to see the "+
		"change and plan against the current configuration.\n\nProxmox VE said: %v", what, e.Node, e.VMID, typ, e.Err)
}

func (e *ConfigChangedError) Unwrap() error { return e.Err }

// staleDigest reports whether err is PVE's digest mismatch: "detected
// modified configuration - file changed by other user? Try again."
// (PVE::Tools::assert_if_modified; older qemu-server said "checksum
// missmatch (file change by other user?)").
func staleDigest(err error) bool {
	if err == nil {
		return false
	}
	m := strings.ToLower(err.Error())
	return strings.Contains(m, "detected modified configuration") ||
		strings.Contains(m, "file changed by other user") ||
		strings.Contains(m, "file change by other user")
}

// UpdateConfig changes a guest's config (kind "lxc": PUT .../config, which
// is synchronous; "qemu": POST .../config, whose qmconfig task is waited
// for). digest is the config digest of the read the change was computed
// from: PVE refuses the update when the config changed since, which comes
// back as a *ConfigChangedError. An empty digest sends none.
func (c *Client) UpdateConfig(ctx context.Context, kind, node string, vmid int64, digest string, params map[string]any) error {
	path := fmt.Sprintf("/nodes/%s/%s/%d/config", node, kind, vmid)
	p := make(map[string]any, len(params)+1)
	for k, v := range params {
		p[k] = v
	}
	if digest != "" {
		p["digest"] = digest
	}
	var err error
	if kind == "qemu" {
		err = c.PostTask(ctx, path, p)
	} else {
		err = c.PutTask(ctx, path, p)
	}
	if staleDigest(err) {
		return &ConfigChangedError{Kind: kind, Node: node, VMID: vmid, Err: err}
	}
	return err
}

// privateDigestKey is the private-state key holding the config digest of the
// guest's last read, so that Update sends the digest of the refresh its plan
// was computed from.
const privateDigestKey = "digest"

type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// digestFrom returns the digest kept in the resource's private state.
func digestFrom(ctx context.Context, p privateGetter) string {
	if p == nil {
		return ""
	}
	b, diags := p.GetKey(ctx, privateDigestKey)
	if diags.HasError() || len(b) == 0 {
		return ""
	}
	var d string
	if json.Unmarshal(b, &d) != nil {
		return ""
	}
	return d
}

// keepDigest stores digest in the resource's private state.
func keepDigest(ctx context.Context, p privateSetter, digest string) diag.Diagnostics {
	if p == nil {
		return nil
	}
	b, _ := json.Marshal(digest)
	return p.SetKey(ctx, privateDigestKey, b)
}

// ---------------------------------------------------------------------------
// VMIDs

// reserveID returns a free VMID that no other create in this process holds,
// asking PVE's /cluster/nextid; release it once the guest exists (or the
// create failed). PVE does not reserve ids itself, so without this, parallel
// creates would all receive the same "next" id.
func (c *Client) reserveID(ctx context.Context) (int, error) {
	c.idMu.Lock()
	defer c.idMu.Unlock()
	d, err := c.Get(ctx, "/cluster/nextid")
	if err != nil {
		return 0, err
	}
	id, ok := toInt(d)
	if !ok {
		return 0, fmt.Errorf("GET /cluster/nextid: unexpected answer %v", d)
	}
	for c.reserved[id] {
		// PVE does not know about our in-flight creates: ask from the next id
		// on, skipping ids PVE reports as taken (400 "VM N already exists").
		id++
		for {
			d, err := c.Get(ctx, "/cluster/nextid?vmid="+strconv.Itoa(id))
			if err == nil {
				if n, ok := toInt(d); ok {
					id = n
				}
				break
			}
			var e *APIError
			if !errors.As(err, &e) || e.Status != http.StatusBadRequest {
				return 0, err
			}
			id++
		}
	}
	c.reserved[id] = true
	return id, nil
}

func (c *Client) releaseID(id int) {
	c.idMu.Lock()
	delete(c.reserved, id)
	c.idMu.Unlock()
}

// alreadyExists reports whether err says the VMID is taken (a create that
// raced with another client).
func alreadyExists(err error) bool {
	return err != nil && strings.Contains(err.Error(), "already exists")
}

// ---------------------------------------------------------------------------
// value helpers (PVE returns numbers sometimes as JSON numbers, sometimes as
// strings: memory is a string on qemu, cpulimit a string on lxc)

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "1"
		}
		return "0"
	default:
		return fmt.Sprint(x)
	}
}

func toInt(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		return int(x), true
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(x))
		return n, err == nil
	case json.Number:
		n, err := x.Int64()
		return int(n), err == nil
	}
	return 0, false
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

func toBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x == "1" || x == "true" || x == "yes" || x == "on"
	}
	return false
}

func pathEscape(s string) string { return url.PathEscape(s) }
