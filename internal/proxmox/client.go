package proxmox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
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

	// res is the run's cached guest list (resources_cache.go).
	res resourcesCache
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
	return providerdata.ClientOf(d, clientKey, func() (*Client, error) { return NewClient(ctx, d.Proxmox) })
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
	c.invalidateResources()
	if err != nil {
		return nil, redactSecrets(apiError("POST", path, err, body), params)
	}
	return decodeData("POST", path, body)
}

// Put sends PUT path and returns `data`.
func (c *Client) Put(ctx context.Context, path string, params map[string]any) (any, error) {
	body, err := c.api.UpdateItemReturnStatus(ctx, params, path)
	c.invalidateResources()
	if err != nil {
		return nil, redactSecrets(apiError("PUT", path, err, body), params)
	}
	return decodeData("PUT", path, body)
}

// Delete sends DELETE path (query params allowed) and returns `data`, read
// from the captured body (withCapture: the library's Delete drops it).
func (c *Client) Delete(ctx context.Context, path string) (any, error) {
	cctx, cap := withCapture(ctx)
	err := c.api.Delete(cctx, path)
	c.invalidateResources()
	if err != nil {
		return nil, apiError("DELETE", path, err, string(cap.body))
	}
	return decodeData("DELETE", path, string(cap.body))
}
