package main

import (
	"fmt"
	"os"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt/routerosimport"
)

// routerosSource is the RouterOS source the settings name: an export loaded
// into the emulator, or the live router. wanted says whether RouterOS is
// to be read; when it was asked for by --routeros, it must be configured.
func routerosSource(s *settings, or func(flag, env string) string, getenv func(string) string, wanted bool) (adopt.Source, func(), error) {
	if !wanted {
		return nil, nil, nil
	}
	if s.export != "" {
		script, err := os.ReadFile(s.export)
		if err != nil {
			return nil, nil, err
		}
		exp, err := routerosimport.LoadExport(s.export, string(script))
		if err != nil {
			return nil, nil, fmt.Errorf("loading the export: %w", err)
		}
		return exp.Source(), func() { exp.Close() }, nil
	}
	cfg := routerosimport.Config{
		URL:           or(s.rosURL, "ROUTEROS_URL"),
		Username:      or(s.rosUser, "ROUTEROS_USERNAME"),
		Password:      getenv("ROUTEROS_PASSWORD"),
		CACertificate: or(s.rosCA, "ROUTEROS_CA_CERTIFICATE"),
		Timeout:       s.rosTimeout,
	}
	insecure, err := parseBool("routeros insecure", or(s.rosInsecure, "ROUTEROS_INSECURE"))
	if err != nil {
		return nil, nil, err
	}
	cfg.Insecure = insecure
	switch {
	case cfg.URL == "" && s.routeros:
		return nil, nil, usagef("RouterOS is not configured: set --routeros-url or ROUTEROS_URL (and ROUTEROS_USERNAME, ROUTEROS_PASSWORD)")
	case cfg.URL == "":
		return nil, nil, nil // not configured, not asked for
	case cfg.Username == "":
		return nil, nil, usagef("no RouterOS user: set --routeros-username or ROUTEROS_USERNAME")
	}
	return routerosimport.New(cfg), func() {}, nil
}
