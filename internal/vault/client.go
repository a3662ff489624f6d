package vault

import (
	"fmt"
	"net/http"

	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/tlsconfig"
)

// client returns the provider's Vault client, built on first use.
func client(d *providerdata.Data) (*api.Client, error) {
	if d == nil || d.Vault == nil {
		return nil, providerdata.NotConfigured("vault", providerdata.VaultEnv)
	}
	return providerdata.ClientOf(d, "vault", func() (*api.Client, error) { return newClient(d.Vault) })
}

func newClient(s *providerdata.VaultSettings) (*api.Client, error) {
	cfg := api.DefaultConfig()
	if cfg.Error != nil {
		return nil, fmt.Errorf("vault: %w", cfg.Error)
	}
	cfg.Address = s.Address
	tlsCfg, err := tlsconfig.Client(s.CACert, s.SkipTLSVerify)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	cfg.HttpClient.Transport.(*http.Transport).TLSClientConfig = tlsCfg
	c, err := api.NewClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	// The provider's settings win over VAULT_* read by NewClient; the token is
	// set even when empty so an ambient ~/.vault-token is not picked up silently.
	c.SetToken(s.Token)
	return c, nil
}
