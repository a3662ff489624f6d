package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	ros "github.com/go-routeros/routeros/v3"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// runSnapshot is `homelab-emulator snapshot routeros --out FILE`: it reads
// every menu the emulator models from the real router, with the provider's
// ROUTEROS_* settings, into a snapshot that `routeros --seed FILE` loads
// with the same ids.
func runSnapshot(args []string) int {
	if len(args) > 0 && args[0] == "proxmox" {
		return runSnapshotProxmox(args[1:])
	}
	if len(args) == 0 || args[0] != "routeros" {
		fmt.Fprintln(os.Stderr, "usage: homelab-emulator snapshot routeros --out FILE   (reads ROUTEROS_URL, ROUTEROS_USERNAME, ROUTEROS_PASSWORD, ROUTEROS_CA_CERTIFICATE, ROUTEROS_INSECURE)")
		fmt.Fprintln(os.Stderr, "       homelab-emulator snapshot proxmox --out FILE    (reads "+strings.Join(proxmoxEnv, ", ")+")")
		return 2
	}
	fs := flag.NewFlagSet("homelab-emulator snapshot routeros", flag.ContinueOnError)
	out := fs.String("out", "", "snapshot file to write (JSON)")
	timeout := fs.Duration("timeout", 60*time.Second, "time allowed for the whole read")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "homelab-emulator snapshot routeros: --out is required")
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	snap, err := snapshotRouter(ctx)
	if err == nil {
		var b []byte
		if b, err = json.MarshalIndent(snap, "", "  "); err == nil {
			err = os.WriteFile(*out, append(b, '\n'), 0o600)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "homelab-emulator snapshot routeros:", err)
		return 1
	}
	n := 0
	for _, rows := range snap.Menus {
		n += len(rows)
	}
	fmt.Fprintf(os.Stderr, "routeros: wrote %s: %d rows of %d menus from RouterOS %s (no secrets)\n", *out, n, len(snap.Menus), snap.Version)
	return 0
}

func snapshotRouter(ctx context.Context) (*routeros.Snapshot, error) {
	c, err := dialRouter(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	print := func(menu string) ([]map[string]string, error) {
		reply, err := c.RunArgsContext(ctx, []string{menu + "/print"})
		if err != nil {
			return nil, err
		}
		var rows []map[string]string
		for _, re := range reply.Re {
			rows = append(rows, re.Map)
		}
		return rows, nil
	}
	res, err := print("/system/resource")
	if err != nil || len(res) == 0 {
		return nil, fmt.Errorf("reading the version: %v", err)
	}
	return routeros.TakeSnapshot(strings.Fields(res[0]["version"] + " ")[0], print)
}

// dialRouter connects with the provider's environment variables; TLS is
// verified unless ROUTEROS_INSECURE is true.
func dialRouter(ctx context.Context) (*ros.Client, error) {
	raw := os.Getenv("ROUTEROS_URL")
	if raw == "" {
		return nil, errors.New("ROUTEROS_URL is not set (api://host[:8728] or apis://host[:8729])")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("ROUTEROS_URL %q is not api://host or apis://host", raw)
	}
	user, pass := os.Getenv("ROUTEROS_USERNAME"), os.Getenv("ROUTEROS_PASSWORD")
	switch u.Scheme {
	case "api":
		return ros.DialContext(ctx, withPort(u.Host, "8728"), user, pass)
	case "apis":
		cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: u.Hostname(), InsecureSkipVerify: os.Getenv("ROUTEROS_INSECURE") == "true"}
		if ca := os.Getenv("ROUTEROS_CA_CERTIFICATE"); ca != "" {
			pem := []byte(ca)
			if !strings.Contains(ca, "-----BEGIN") {
				if pem, err = os.ReadFile(ca); err != nil {
					return nil, err
				}
			}
			cfg.RootCAs = x509.NewCertPool()
			if !cfg.RootCAs.AppendCertsFromPEM(pem) {
				return nil, errors.New("ROUTEROS_CA_CERTIFICATE holds no PEM certificate")
			}
		}
		return ros.DialTLSContext(ctx, withPort(u.Host, "8729"), user, pass, cfg)
	}
	return nil, fmt.Errorf("ROUTEROS_URL scheme %q: want api or apis", u.Scheme)
}

func withPort(host, port string) string {
	if strings.LastIndex(host, ":") > strings.LastIndex(host, "]") {
		return host
	}
	return host + ":" + port
}
