package vault_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/vault"
)

// pkiWithRole prepares, outside Tofu, a mount with a root CA and a role for
// *.domain, so certificate tests need only the certificate resource.
func pkiWithRole(t *testing.T, mount, domain string) {
	t.Helper()
	c := vaultAPI(t)
	mountPKI(t, c, mount)
	if _, err := c.Logical().Write(mount+"/root/generate/internal", map[string]any{
		"common_name": "test CA", "ttl": "8760h", "key_type": "ec"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Logical().Write(mount+"/roles/web", map[string]any{
		"allowed_domains": []string{domain}, "allow_subdomains": true, "max_ttl": "720h", "key_type": "ec"}); err != nil {
		t.Fatal(err)
	}
}

func certConfig(t *testing.T, mount, cn, extra string) string {
	return providerBlock(t) + fmt.Sprintf(`
resource "homelab_vault_pki_certificate" "this" {
  mount       = %q
  role        = "web"
  common_name = %q
%s
}
`, mount, cn, extra)
}

// revoked tells whether Vault has the certificate with this serial revoked.
func revoked(t *testing.T, mount, serial string) (bool, error) {
	s, err := vaultAPI(t).Logical().Read(mount + "/cert/" + serial)
	if err != nil || s == nil {
		return false, fmt.Errorf("certificate %s not in Vault: %v", serial, err)
	}
	n, _ := s.Data["revocation_time"].(interface{ String() string })
	return n != nil && n.String() != "0", nil
}

func TestAccPKICertificate(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	mount, domain := uniq("leaf"), uniq("d")+".rachuna-net.pl"
	pkiWithRole(t, mount, domain)
	const addr = "homelab_vault_pki_certificate.this"
	empty := plancheck.ExpectEmptyPlan()
	var serial1, serial2 string
	cn := "vault." + domain
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if r, err := revoked(t, mount, serial2); err != nil || !r {
				return fmt.Errorf("certificate %s not revoked on destroy (revoke = true): %v", serial2, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: certConfig(t, mount, cn, `  ttl = "24h"
  alt_names = ["vault-ui.`+domain+`"]
  ip_sans = ["10.10.10.5"]
  min_seconds_remaining = 3600`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectSensitiveValue(addr, tfPath("private_key"))},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					capture(addr, "serial_number", &serial1),
					resource.TestCheckResourceAttr(addr, "private_key_type", "ec"),
					resource.TestCheckResourceAttr(addr, "ca_chain.#", "1"),
					func(s *terraform.State) error {
						cert, err := parseCert(t, mustAttr(s, addr, "certificate"))
						if err != nil {
							return err
						}
						if cert.Subject.CommonName != cn || len(cert.DNSNames) != 2 || len(cert.IPAddresses) != 1 ||
							cert.IPAddresses[0].String() != "10.10.10.5" {
							return fmt.Errorf("certificate: CN %s DNS %v IP %v", cert.Subject.CommonName, cert.DNSNames, cert.IPAddresses)
						}
						if life := cert.NotAfter.Sub(cert.NotBefore); life < 24*time.Hour || life > 24*time.Hour+time.Minute {
							return fmt.Errorf("validity %s, want 24h", life)
						}
						if mustAttr(s, addr, "expiration") != cert.NotAfter.UTC().Format(time.RFC3339) {
							return fmt.Errorf("expiration does not match the certificate")
						}
						return keyMatches(cert, mustAttr(s, addr, "private_key"))
					},
				),
			},
			{ // in-place updates: renewal window and revoke flag only
				Config: certConfig(t, mount, cn, `  ttl = "1d"
  alt_names = ["vault-ui.`+domain+`"]
  ip_sans = ["10.10.10.5"]
  min_seconds_remaining = 7200
  revoke = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.TestCheckResourceAttrPtr(addr, "serial_number", &serial1),
			},
			{ // revoked outside Tofu: a new certificate is issued
				PreConfig: func() {
					if _, err := c.Logical().Write(mount+"/revoke", map[string]any{"serial_number": serial1}); err != nil {
						t.Fatal(err)
					}
				},
				Config: certConfig(t, mount, cn, `  ttl = "1d"
  alt_names = ["vault-ui.`+domain+`"]
  ip_sans = ["10.10.10.5"]
  min_seconds_remaining = 7200
  revoke = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(addr, "serial_number", &serial1),
					capture(addr, "serial_number", &serial2),
				),
			},
			{ // the CA rotated outside Tofu (new root, old issuer deleted): a new certificate from the new CA
				PreConfig: func() {
					l, err := c.Logical().List(mount + "/issuers")
					if err != nil || l == nil {
						t.Fatalf("listing issuers: %v", err)
					}
					s, err := c.Logical().Write(mount+"/issuers/generate/root/internal", map[string]any{
						"common_name": "test CA 2", "ttl": "8760h", "key_type": "ec"})
					if err != nil {
						t.Fatal(err)
					}
					if _, err := c.Logical().Write(mount+"/config/issuers", map[string]any{"default": s.Data["issuer_id"]}); err != nil {
						t.Fatal(err)
					}
					for _, id := range l.Data["keys"].([]any) {
						if _, err := c.Logical().Delete(mount + "/issuer/" + id.(string)); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: certConfig(t, mount, cn, `  ttl = "1d"
  alt_names = ["vault-ui.`+domain+`"]
  ip_sans = ["10.10.10.5"]
  min_seconds_remaining = 7200
  revoke = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(addr, "serial_number", &serial2),
					capture(addr, "serial_number", &serial2),
					func(s *terraform.State) error {
						ca, err := parseCert(t, mustAttr(s, addr, "issuing_ca"))
						if err != nil || ca.Subject.CommonName != "test CA 2" {
							return fmt.Errorf("issuing CA is %v (%v), want the new root", ca.Subject, err)
						}
						return nil
					},
				),
			},
			{ // a new name is a new certificate; with revoke = true the old one is revoked
				Config: certConfig(t, mount, "consul."+domain, `  ttl = "1d"
  min_seconds_remaining = 7200
  revoke = true`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						if r, err := revoked(t, mount, serial2); err != nil || !r {
							return fmt.Errorf("replaced certificate %s not revoked: %v", serial2, err)
						}
						return nil
					},
					capture(addr, "serial_number", &serial2),
				),
			},
		},
	})
}

// The renewal window, with the provider's clock moved forward: nothing
// happens outside the window, a replacement is planned inside it.
// Not parallel: it moves the clock of the whole test binary.
func TestAccPKICertificate_renewal(t *testing.T) {
	mount, domain := uniq("renew"), uniq("d")+".rachuna-net.pl"
	pkiWithRole(t, mount, domain)
	const addr = "homelab_vault_pki_certificate.this"
	var offset time.Duration
	restore := vault.SetNowForTest(func() time.Time { return time.Now().Add(offset) })
	defer restore()
	cfg := certConfig(t, mount, "web."+domain, `  ttl = "10h"
  min_seconds_remaining = 7200`)
	var serial string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: capture(addr, "serial_number", &serial)},
			{ // 7h59m later: 2h01m left, outside the 2h window
				PreConfig: func() { offset = 7*time.Hour + 59*time.Minute },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.TestCheckResourceAttrPtr(addr, "serial_number", &serial),
			},
			{ // 8h01m later: inside the window, replaced (and still inside it at the fake time)
				PreConfig: func() { offset = 8*time.Hour + time.Minute },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
				},
				ExpectNonEmptyPlan: true,
				Check:              changed(addr, "serial_number", &serial),
			},
			{ // back to the real time: the new certificate is fresh, no change
				PreConfig: func() { offset = 0 },
				Config:    cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
