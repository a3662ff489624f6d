package vault

import (
	"fmt"
	"net/http"

	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/tlsconfig"
)

// client returns the provider's Vault client, built on first use.
func client(d *providerdata.Data) (*Client, error) {
	if d == nil || d.Vault == nil {
		return nil, providerdata.NotConfigured("vault", providerdata.VaultEnv)
	}
	return providerdata.ClientOf(d, "vault", func() (*Client, error) { return newClient(d.Vault) })
}

func newClient(s *providerdata.VaultSettings) (*Client, error) {
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
	vc := &Client{}
	cfg.HttpClient.Transport = writeNotifier{next: cfg.HttpClient.Transport, gen: &vc.reads.gen}
	c, err := api.NewClient(cfg)
	if err != nil {
		return nil, fmt.Errorf("vault: %w", err)
	}
	// The provider's settings win over VAULT_* read by NewClient; the token is
	// set even when empty so an ambient ~/.vault-token is not picked up silently.
	c.SetToken(s.Token)
	vc.Client = c
	return vc, nil
}
