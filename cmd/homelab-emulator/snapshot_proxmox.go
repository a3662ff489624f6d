package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

// proxmoxEnv are the provider's variables the snapshot reads (the same
// names as internal/providerdata's, not imported: the emulator's command
// shares no provider code).
var proxmoxEnv = []string{"PROXMOX_VE_ENDPOINT", "PROXMOX_VE_API_TOKEN", "PROXMOX_VE_USERNAME", "PROXMOX_VE_PASSWORD",
	"PROXMOX_VE_CA_CERTIFICATE", "PROXMOX_VE_INSECURE"}

// runSnapshotProxmox is `homelab-emulator snapshot proxmox --out FILE`: it
// reads everything the emulator models from the real cluster into a state
// file that `proxmox --state FILE` loads with the same VMIDs and ids.
func runSnapshotProxmox(args []string) int {
	fs := flag.NewFlagSet("homelab-emulator snapshot proxmox", flag.ContinueOnError)
	out := fs.String("out", "", "snapshot file to write (JSON, the --state format)")
	timeout := fs.Duration("timeout", 2*time.Minute, "time allowed for the whole read")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "homelab-emulator snapshot proxmox: --out is required")
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	snap, err := snapshotCluster(ctx)
	if err == nil {
		var b []byte
		if b, err = json.MarshalIndent(snap, "", "  "); err == nil {
			err = os.WriteFile(*out, append(b, '\n'), 0o600)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "homelab-emulator snapshot proxmox:", err)
		return 1
	}
	for _, w := range snap.Warnings {
		fmt.Fprintln(os.Stderr, "proxmox: warning:", w)
	}
	fmt.Fprintf(os.Stderr, "proxmox: wrote %s: %s from PVE %s (no secrets)\n", *out, snap.Summary(), snap.Version)
	return 0
}

func snapshotCluster(ctx context.Context) (*proxmox.Snapshot, error) {
	c, err := newPVEClient(ctx)
	if err != nil {
		return nil, err
	}
	return proxmox.TakeSnapshot(func(path string, params map[string]string) (json.RawMessage, error) {
		return c.get(ctx, path, params)
	})
}

// pveClient is a read-only API client: GETs need no CSRF token.
type pveClient struct {
	base string // https://host:8006/api2/json
	hc   *http.Client
	auth func(*http.Request)
}

func newPVEClient(ctx context.Context) (*pveClient, error) {
	endpoint := strings.TrimRight(os.Getenv("PROXMOX_VE_ENDPOINT"), "/")
	if endpoint == "" {
		return nil, errors.New("PROXMOX_VE_ENDPOINT is not set (https://host:8006)")
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("PROXMOX_VE_ENDPOINT %q is not https://host[:port]", endpoint)
	}
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: os.Getenv("PROXMOX_VE_INSECURE") == "true"}
	if ca := os.Getenv("PROXMOX_VE_CA_CERTIFICATE"); ca != "" {
		pem := []byte(ca)
		if !strings.Contains(ca, "-----BEGIN") {
			if pem, err = os.ReadFile(ca); err != nil {
				return nil, err
			}
		}
		tlsCfg.RootCAs = x509.NewCertPool()
		if !tlsCfg.RootCAs.AppendCertsFromPEM(pem) {
			return nil, errors.New("PROXMOX_VE_CA_CERTIFICATE holds no PEM certificate")
		}
	}
	c := &pveClient{base: strings.TrimSuffix(endpoint, "/api2/json") + "/api2/json",
		hc: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: tlsCfg}}}
	token, user, pass := os.Getenv("PROXMOX_VE_API_TOKEN"), os.Getenv("PROXMOX_VE_USERNAME"), os.Getenv("PROXMOX_VE_PASSWORD")
	switch {
	case token != "" && user != "":
		return nil, errors.New("set either PROXMOX_VE_API_TOKEN or PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD, not both")
	case token != "":
		c.auth = func(r *http.Request) { r.Header.Set("Authorization", "PVEAPIToken="+token) }
	case user != "":
		ticket, err := c.login(ctx, user, pass)
		if err != nil {
			return nil, err
		}
		c.auth = func(r *http.Request) { r.AddCookie(&http.Cookie{Name: "PVEAuthCookie", Value: ticket}) }
	default:
		return nil, errors.New("set PROXMOX_VE_API_TOKEN, or PROXMOX_VE_USERNAME and PROXMOX_VE_PASSWORD")
	}
	return c, nil
}

// login gets a ticket (POST /access/ticket); the password goes in the body only.
func (c *pveClient) login(ctx context.Context, user, pass string) (string, error) {
	body := url.Values{"username": {user}, "password": {pass}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/access/ticket", strings.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	data, err := c.do(req)
	if err != nil {
		return "", fmt.Errorf("login as %s: %w", user, err)
	}
	var t struct {
		Ticket string `json:"ticket"`
	}
	if err := json.Unmarshal(data, &t); err != nil || t.Ticket == "" {
		return "", fmt.Errorf("login as %s: no ticket in the answer", user)
	}
	return t.Ticket, nil
}

func (c *pveClient) get(ctx context.Context, path string, params map[string]string) (json.RawMessage, error) {
	q := url.Values{}
	for k, v := range params {
		q.Set(k, v)
	}
	u := c.base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	c.auth(req)
	return c.do(req)
}

// do answers the "data" member, or PVE's message as the error.
func (c *pveClient) do(req *http.Request) (json.RawMessage, error) {
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	var env struct {
		Data    json.RawMessage `json:"data"`
		Message string          `json:"message"`
	}
	_ = json.Unmarshal(b, &env)
	if resp.StatusCode != http.StatusOK {
		msg := strings.TrimSpace(env.Message)
		if msg == "" {
			msg = resp.Status
		}
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, msg)
	}
	return env.Data, nil
}
