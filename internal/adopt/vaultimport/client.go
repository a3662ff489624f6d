package vaultimport

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/tlsconfig"
)

// newClient builds the Vault client the way the provider does
// (internal/vault/client.go), so what is read here is what the provider's
// refresh reads: the same address, TLS rules and token.
func newClient(cfg Config) (*api.Client, error) {
	if cfg.Address == "" {
		return nil, errors.New("no Vault address: set --vault-address or VAULT_ADDR")
	}
	if cfg.Token == "" {
		return nil, errors.New("no Vault token: set VAULT_TOKEN")
	}
	c := api.DefaultConfig()
	if c.Error != nil {
		return nil, fmt.Errorf("vault: %w", c.Error)
	}
	c.Address = cfg.Address
	tlsCfg, err := tlsconfig.Client(cfg.CACert, cfg.SkipVerify)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	c.HttpClient.Transport.(*http.Transport).TLSClientConfig = tlsCfg
	cl, err := api.NewClient(c)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	// Set even when the environment holds another: the settings given win.
	cl.SetToken(cfg.Token)
	return cl, nil
}

// errText is Vault's own message without the request dump api.ResponseError
// adds; it never holds the token.
func errText(err error) string {
	var re *api.ResponseError
	if errors.As(err, &re) && len(re.Errors) > 0 {
		return fmt.Sprintf("Vault answered %d: %s", re.StatusCode, strings.Join(re.Errors, "; "))
	}
	if errors.As(err, &re) {
		return fmt.Sprintf("Vault answered %d", re.StatusCode)
	}
	return err.Error()
}

func statusCode(err error) int {
	var re *api.ResponseError
	if errors.As(err, &re) {
		return re.StatusCode
	}
	return 0
}
