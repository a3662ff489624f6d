package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/vault/api"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// The Vault PKI of the tests, set up by hand the way the Vault docs show it
// (CLI-like API calls, not the provider): a root CA mount, an intermediate CA
// mount signed by it, config URLs, two roles and an issued certificate.
var (
	pkiOnce sync.Once
	pkiErr  error
)

func vaultPKI(t *testing.T) *acctest.VaultServer {
	t.Helper()
	v := acctest.Vault(t)
	pkiOnce.Do(func() { pkiErr = setupPKI(v) })
	if pkiErr != nil {
		t.Fatalf("setting up the PKI: %v", pkiErr)
	}
	return v
}

func setupPKI(v *acctest.VaultServer) error {
	cfg := api.DefaultConfig()
	cfg.Address = v.Addr
	c, err := api.NewClient(cfg)
	if err != nil {
		return err
	}
	c.SetToken(v.Token)
	w := func(path string, body map[string]any) (*api.Secret, error) { return c.Logical().Write(path, body) }
	if err := c.Sys().Mount("lab-root", &api.MountInput{Type: "pki", Description: "Homelab root CA",
		Config: api.MountConfigInput{MaxLeaseTTL: "87600h"}}); err != nil {
		return err
	}
	if err := c.Sys().Mount("lab-int", &api.MountInput{Type: "pki",
		Config: api.MountConfigInput{DefaultLeaseTTL: "720h", MaxLeaseTTL: "43800h"}}); err != nil {
		return err
	}
	if _, err := w("lab-root/root/generate/internal", map[string]any{"common_name": "Homelab Root CA", "ttl": "87600h",
		"key_type": "ec", "key_bits": 384, "organization": "Homelab", "country": "PL", "issuer_name": "root-2025"}); err != nil {
		return err
	}
	csr, err := w("lab-int/intermediate/generate/internal", map[string]any{"common_name": "Homelab Intermediate CA",
		"ou": "Infrastructure", "organization": "Homelab"})
	if err != nil {
		return err
	}
	signed, err := w("lab-root/root/sign-intermediate", map[string]any{"csr": csr.Data["csr"], "format": "pem",
		"ttl": "43800h", "use_csr_values": true})
	if err != nil {
		return err
	}
	set, err := w("lab-int/intermediate/set-signed", map[string]any{"certificate": signed.Data["certificate"]})
	if err != nil {
		return err
	}
	intID := set.Data["imported_issuers"].([]any)[0].(string)
	if _, err := c.Logical().JSONMergePatch(context.Background(), "lab-int/issuer/"+intID, map[string]any{"issuer_name": "int-2025"}); err != nil {
		return err
	}
	if _, err := w("lab-int/config/urls", map[string]any{
		"issuing_certificates":    []string{"https://vault.lab.example:8200/v1/lab-int/ca"},
		"crl_distribution_points": []string{"https://vault.lab.example:8200/v1/lab-int/crl"},
	}); err != nil {
		return err
	}
	if _, err := w("lab-int/roles/servers", map[string]any{"issuer_ref": "int-2025", "allowed_domains": []string{"lab.example", "home.arpa"},
		"allow_subdomains": true, "allow_localhost": false, "client_flag": false, "ttl": "72h", "max_ttl": "720h",
		"key_type": "ec", "key_usage": []string{"DigitalSignature"}, "ext_key_usage": []string{"ServerAuth"},
		"organization": "Homelab"}); err != nil {
		return err
	}
	if _, err := w("lab-int/roles/clients", map[string]any{"issuer_ref": intID, "allow_any_name": true, "server_flag": false}); err != nil {
		return err
	}
	_, err = w("lab-int/issue/servers", map[string]any{"common_name": "nas.lab.example", "ttl": "24h"})
	return err
}

func vaultEnv(v *acctest.VaultServer) func(string) string {
	env := map[string]string{"VAULT_ADDR": v.Addr, "VAULT_TOKEN": v.Token}
	return func(k string) string { return env[k] }
}

func TestAccImportVault(t *testing.T) {
	v := vaultPKI(t)
	dir := t.TempDir()
	mustImport(t, vaultEnv(v), "--vault", "--out", dir)
	checkNoSecrets(t, dir, v.Token)
	pki := readFile(t, filepath.Join(dir, "vault-pki.tf"))
	flat := strings.Join(strings.Fields(pki), " ")
	for _, want := range []string{
		`signer_mount = homelab_vault_pki_mount.lab_root.path`,
		`signer_issuer_ref = homelab_vault_pki_root_ca.root_2025.issuer_id`,
		`issuer_ref = homelab_vault_pki_intermediate_ca.int_2025.issuer_name`,
		`issuer_ref = homelab_vault_pki_intermediate_ca.int_2025.issuer_id`,
		`key_bits = 384`,
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("vault-pki.tf lacks %q:\n%s", want, pki)
		}
	}
	if strings.Contains(pki, "homelab_vault_pki_certificate") {
		t.Error("an issued certificate was imported")
	}
	rep := readFile(t, filepath.Join(dir, "IMPORT-REPORT.md"))
	for _, want := range []string{"| `lab-int/certs` |", "an issued certificate: not imported", "| `lab-int/roles` | `servers` | `organization` |",
		"| `sys/mounts` | `secret` |"} {
		if !strings.Contains(rep, want) {
			t.Errorf("IMPORT-REPORT.md lacks %q:\n%s", want, rep)
		}
	}
	checkImportCycle(t, dir, map[string]string{"vault_address": v.Addr, "vault_token": v.Token})
}

func TestAccImportVaultDeterministic(t *testing.T) {
	v := vaultPKI(t)
	a, b := t.TempDir(), t.TempDir()
	mustImport(t, vaultEnv(v), "--vault", "--out", a)
	mustImport(t, vaultEnv(v), "--out", b) // configured, so imported without --vault
	checkSameFiles(t, a, b)
}

// checkSameFiles compares two output directories file by file.
func checkSameFiles(t *testing.T, a, b string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(a, "*"))
	other, _ := filepath.Glob(filepath.Join(b, "*"))
	if len(files) < 6 || len(files) != len(other) {
		t.Fatalf("%d and %d files written", len(files), len(other))
	}
	for _, f := range files {
		if x, y := readFile(t, f), readFile(t, filepath.Join(b, filepath.Base(f))); x != y {
			t.Errorf("%s differs between two runs", filepath.Base(f))
		}
	}
}

func TestAccImportVaultBadInput(t *testing.T) {
	v := vaultPKI(t)
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	for _, c := range []struct {
		name string
		env  func(string) string
		args []string
		code int
		want []string
	}{
		{"wrong token", env(map[string]string{"VAULT_ADDR": v.Addr, "VAULT_TOKEN": "not-the-token"}), nil, exitFailed,
			[]string{"sys/mounts", "permission denied"}},
		{"unreachable", env(map[string]string{"VAULT_ADDR": "http://127.0.0.1:1", "VAULT_TOKEN": "x"}), nil, exitFailed,
			[]string{"http://127.0.0.1:1", "connection refused"}},
		{"no token", env(map[string]string{"VAULT_ADDR": v.Addr}), nil, exitUsage, []string{"VAULT_TOKEN"}},
		{"not configured", noEnv, []string{"--vault"}, exitUsage, []string{"VAULT_ADDR"}},
		{"bad skip verify", env(map[string]string{"VAULT_ADDR": v.Addr, "VAULT_TOKEN": "x", "VAULT_SKIP_VERIFY": "maybe"}), nil, exitUsage,
			[]string{`vault skip verify "maybe"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out := importer(t, c.env, append(c.args, "--out", t.TempDir())...)
			if code != c.code {
				t.Errorf("exit %d, want %d:\n%s", code, c.code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out, "not-the-token") {
				t.Errorf("the token is in the message:\n%s", out)
			}
		})
	}
}
