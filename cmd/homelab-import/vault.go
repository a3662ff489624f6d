package main

import (
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt/vaultimport"
)

// vaultSource is the Vault the settings name, or nil when Vault is neither
// asked for nor configured; asked for by --vault, it must be configured.
func vaultSource(s *settings, or func(flag, env string) string, getenv func(string) string, wanted bool) (adopt.Source, error) {
	if !wanted {
		return nil, nil
	}
	cfg := vaultimport.Config{
		Address: or(s.vaultAddr, "VAULT_ADDR"),
		Token:   getenv("VAULT_TOKEN"),
		CACert:  or(s.vaultCA, "VAULT_CACERT"),
	}
	skip, err := parseBool("vault skip verify", or(s.vaultSkipVerify, "VAULT_SKIP_VERIFY"))
	if err != nil {
		return nil, err
	}
	cfg.SkipVerify = skip
	switch {
	case cfg.Address == "" && s.vault:
		return nil, usagef("Vault is not configured: set --vault-address or VAULT_ADDR (and VAULT_TOKEN)")
	case cfg.Address == "":
		return nil, nil
	case cfg.Token == "":
		return nil, usagef("no Vault token: set VAULT_TOKEN")
	}
	return vaultimport.New(cfg), nil
}
