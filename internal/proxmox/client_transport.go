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
	"strings"
	"sync"
	"time"

	pxapi "github.com/Telmate/proxmox-api-go/proxmox"
)

// Workaround (proxmox-api-go): Client.Delete returns only an error, so the
// UPID of an asynchronous DELETE (a guest's destroy task) is lost, and
// Client.Login keeps the ticket to itself. A request made with a context
// from withCapture gets its response body copied into the capture by the
// transport (keepBody) on its way to the library. When the library returns
// the body of a DELETE and lets a caller read the ticket, this can go.
type captureKey struct{}

// capture receives the status and raw body of the response to a request
// made with a context from withCapture.
type capture struct {
	status int
	body   []byte
}

func withCapture(ctx context.Context) (context.Context, *capture) {
	c := &capture{}
	return context.WithValue(ctx, captureKey{}, c), c
}

// keepBody copies resp's body into the request context's capture, if any,
// and hands the library an unread copy.
func keepBody(req *http.Request, resp *http.Response) (*http.Response, error) {
	c, ok := req.Context().Value(captureKey{}).(*capture)
	if !ok {
		return resp, nil
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	c.status, c.body = resp.StatusCode, b
	resp.Body = io.NopCloser(bytes.NewReader(b))
	return resp, nil
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
	return keepBody(req, resp)
}

// send retries idempotent requests whose connection failed (reset, EOF)
// before any answer came back. (Workaround, proxmox-api-go: the library
// retries nothing itself; a dropped keep-alive connection would otherwise
// fail a refresh.)
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
