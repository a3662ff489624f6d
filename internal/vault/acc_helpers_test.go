package vault_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

// vaultAPI is a client of the test binary's dev server, for checks and for
// changes made "outside Tofu".
func vaultAPI(t *testing.T) *api.Client {
	t.Helper()
	v := acctest.Vault(t)
	cfg := api.DefaultConfig()
	cfg.Address = v.Addr
	c, err := api.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.SetToken(v.Token)
	return c
}

// providerBlock is the provider configuration pointing at the dev server.
func providerBlock(t *testing.T) string {
	return acctest.ProviderConfig(acctest.Vault(t).Block())
}

// uniq is a mount-path-safe name unique to this run, so parallel tests
// sharing the one dev server never meet.
func uniq(prefix string) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return prefix + "-" + hex.EncodeToString(b)
}

// attr reads an attribute of a resource from the state.
func attr(s *terraform.State, addr, key string) (string, error) {
	rs, ok := s.RootModule().Resources[addr]
	if !ok {
		return "", fmt.Errorf("%s not in state", addr)
	}
	v, ok := rs.Primary.Attributes[key]
	if !ok {
		return "", fmt.Errorf("%s has no attribute %s", addr, key)
	}
	return v, nil
}

func parseCert(t testing.TB, p string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(p))
	if block == nil {
		return nil, fmt.Errorf("not PEM: %.40q", p)
	}
	return x509.ParseCertificate(block.Bytes)
}

// issuerExists tells whether Vault still has the issuer.
func issuerExists(c *api.Client, mount, id string) (bool, error) {
	s, err := c.Logical().ReadWithContext(context.Background(), mount+"/issuer/"+id)
	if err != nil {
		var re *api.ResponseError
		if ok := asResp(err, &re); ok && (re.StatusCode == 404 || re.StatusCode == 500 || re.StatusCode == 400) {
			return false, nil
		}
		return false, err
	}
	return s != nil && s.Data != nil, nil
}

func asResp(err error, re **api.ResponseError) bool {
	r, ok := err.(*api.ResponseError)
	if ok {
		*re = r
	}
	return ok
}

func mountExists(c *api.Client, mount string) (bool, error) {
	ms, err := c.Sys().ListMounts()
	if err != nil {
		return false, err
	}
	_, ok := ms[strings.TrimSuffix(mount, "/")+"/"]
	return ok, nil
}

// mountPKI creates a PKI mount directly (outside Tofu) with a long max TTL and
// removes it at the end of the test.
func mountPKI(t *testing.T, c *api.Client, mount string) {
	t.Helper()
	if err := c.Sys().Mount(mount, &api.MountInput{Type: "pki", Config: api.MountConfigInput{MaxLeaseTTL: "87600h"}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Sys().Unmount(mount) })
}

// capture stores an attribute of the state for a later check.
func capture(addr, key string, into *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		v, err := attr(s, addr, key)
		*into = v
		return err
	}
}

// changed checks an attribute differs from a captured value.
func changed(addr, key string, old *string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		v, err := attr(s, addr, key)
		if err != nil {
			return err
		}
		if v == *old {
			return fmt.Errorf("%s.%s is still %q, expected a new value", addr, key, v)
		}
		return nil
	}
}

func apiTune(desc, maxTTL string) api.MountConfigInput {
	return api.MountConfigInput{Description: &desc, MaxLeaseTTL: maxTTL}
}

func samePEM(a, b string) bool { return strings.TrimSpace(a) == strings.TrimSpace(b) }

// pubBits is the size of a certificate's public key (RSA modulus, EC curve).
func pubBits(cert *x509.Certificate) int {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return k.N.BitLen()
	case *ecdsa.PublicKey:
		return k.Curve.Params().BitSize
	}
	return 0
}

func mustAttr(s *terraform.State, addr, key string) string {
	v, _ := attr(s, addr, key)
	return v
}

// keyMatches checks a PEM private key belongs to the certificate.
func keyMatches(cert *x509.Certificate, keyPEM string) error {
	block, _ := pem.Decode([]byte(keyPEM))
	if block == nil {
		return fmt.Errorf("private_key is not PEM")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return fmt.Errorf("private_key: %w", err)
	}
	pub, ok := key.(interface{ Public() crypto.PublicKey })
	if !ok {
		return fmt.Errorf("private_key of type %T", key)
	}
	if eq, ok := pub.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !eq.Equal(cert.PublicKey) {
		return fmt.Errorf("private_key does not match the certificate")
	}
	return nil
}

func tfPath(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

type (
	apiMountInput  = api.MountInput
	apiMountConfig = api.MountConfigInput
)
