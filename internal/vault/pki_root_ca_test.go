package vault_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func rootConfig(t *testing.T, mount, rootBody string) string {
	cfg := providerBlock(t) + fmt.Sprintf(`
resource "homelab_vault_pki_mount" "root" {
  path          = %q
  max_lease_ttl = "87600h"
}
`, mount)
	if rootBody != "" {
		cfg += fmt.Sprintf(`
resource "homelab_vault_pki_root_ca" "root" {
  mount       = homelab_vault_pki_mount.root.path
  common_name = "rachuna-net Root CA"
%s
}
`, rootBody)
	}
	return cfg
}

// checkRootInVault compares the state's certificate with the issuer in Vault
// and the certificate's contents with the configuration.
func checkRootInVault(t *testing.T, addr string, bits int, ttl time.Duration) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		c := vaultAPI(t)
		mount, _ := attr(s, addr, "mount")
		id, _ := attr(s, addr, "issuer_id")
		pemState, _ := attr(s, addr, "certificate")
		sec, err := c.Logical().ReadWithContext(context.Background(), mount+"/issuer/"+id)
		if err != nil || sec == nil {
			return fmt.Errorf("issuer %s/issuer/%s not in Vault: %v", mount, id, err)
		}
		if got, _ := sec.Data["certificate"].(string); !samePEM(got, pemState) {
			return fmt.Errorf("certificate in state differs from Vault's issuer")
		}
		keyID, _ := attr(s, addr, "key_id")
		if k, err := c.Logical().Read(mount + "/key/" + keyID); err != nil || k == nil {
			return fmt.Errorf("key %s not in Vault: %v", keyID, err)
		}
		if k, _ := c.Logical().Read(mount + "/key/" + keyID); k != nil {
			if _, has := k.Data["private_key"]; has {
				return fmt.Errorf("Vault exposes the private key")
			}
		}
		cert, err := parseCert(t, pemState)
		if err != nil {
			return err
		}
		if !cert.IsCA || cert.Subject.CommonName != "rachuna-net Root CA" || cert.Issuer.CommonName != cert.Subject.CommonName {
			return fmt.Errorf("not a self-signed CA: isCA=%v subject=%s issuer=%s", cert.IsCA, cert.Subject, cert.Issuer)
		}
		if err := cert.CheckSignatureFrom(cert); err != nil {
			return fmt.Errorf("not self-signed: %w", err)
		}
		if got := pubBits(cert); got != bits {
			return fmt.Errorf("key has %d bits, want %d", got, bits)
		}
		if life := cert.NotAfter.Sub(cert.NotBefore); life < ttl || life > ttl+time.Minute {
			return fmt.Errorf("validity %s, want %s", life, ttl)
		}
		exp, _ := attr(s, addr, "expiration")
		if exp != cert.NotAfter.UTC().Format(time.RFC3339) {
			return fmt.Errorf("expiration %s, certificate says %s", exp, cert.NotAfter)
		}
		return nil
	}
}

func TestAccPKIRootCA(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	mount := uniq("root")
	const addr = "homelab_vault_pki_root_ca.root"
	empty := plancheck.ExpectEmptyPlan()
	var issuer1, issuer2, key2, foreign string
	body := func(name, ttl string) string {
		return fmt.Sprintf(`
  organization = ["rachuna-net"]
  country      = ["PL"]
  ttl          = %q
  issuer_name  = %q`, ttl, name)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if ok, err := mountExists(c, mount); err != nil || ok {
				return fmt.Errorf("mount %s still exists after destroy (err %v)", mount, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // create
				Config:           rootConfig(t, mount, body("root-2026", "87600h")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{empty}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "key_type", "rsa"),
					resource.TestCheckResourceAttr(addr, "key_bits", "2048"),
					capture(addr, "issuer_id", &issuer1),
					func(s *terraform.State) error {
						id, _ := attr(s, addr, "id")
						if want := mount + "/issuer/" + issuer1; id != want {
							return fmt.Errorf("id %s, want %s", id, want)
						}
						return nil
					},
					checkRootInVault(t, addr, 2048, 87600*time.Hour),
					checkIssuerName(t, mount, &issuer1, "root-2026"),
				),
			},
			{ // rename in place
				Config: rootConfig(t, mount, body("root-ca", "87600h")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPtr(addr, "issuer_id", &issuer1),
					checkIssuerName(t, mount, &issuer1, "root-ca"),
				),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ // the same ttl spelled differently is no replacement
				Config: rootConfig(t, mount, body("root-ca", "3650d")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.TestCheckResourceAttrPtr(addr, "issuer_id", &issuer1),
			},
			{ // issuer deleted outside Tofu: a planned replacement
				PreConfig: func() {
					if _, err := c.Logical().Delete(mount + "/issuer/" + issuer1); err != nil {
						t.Fatal(err)
					}
				},
				Config: rootConfig(t, mount, body("root-ca", "3650d")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(addr, "issuer_id", &issuer1),
					capture(addr, "issuer_id", &issuer2),
					capture(addr, "key_id", &key2),
					checkRootInVault(t, addr, 2048, 87600*time.Hour),
				),
			},
			{ // a ttl change is an explicit replacement, and ec keys work
				Config: rootConfig(t, mount, body("root-ca", "43800h")+"\n  key_type = \"ec\"\n  key_bits = 384"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(addr, "issuer_id", &issuer2),
					checkRootInVault(t, addr, 384, 43800*time.Hour),
					func(*terraform.State) error { // the replaced issuer and its key are gone
						if ok, _ := issuerExists(c, mount, issuer2); ok {
							return fmt.Errorf("replaced issuer %s still in Vault", issuer2)
						}
						if k, _ := c.Logical().Read(mount + "/key/" + key2); k != nil {
							return fmt.Errorf("replaced key %s still in Vault", key2)
						}
						return nil
					},
				),
			},
			{ // mount deleted outside Tofu: mount and root created again
				PreConfig: func() {
					if err := c.Sys().Unmount(mount); err != nil {
						t.Fatal(err)
					}
				},
				Config: rootConfig(t, mount, body("root-ca", "43800h")+"\n  key_type = \"ec\"\n  key_bits = 384"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("homelab_vault_pki_mount.root", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: checkRootInVault(t, addr, 384, 43800*time.Hour),
			},
			{ // destroy deletes only its own issuer, not another one in the mount
				PreConfig: func() {
					s, err := c.Logical().Write(mount+"/issuers/generate/root/internal", map[string]any{
						"common_name": "foreign", "ttl": "1h", "key_type": "ec"})
					if err != nil {
						t.Fatal(err)
					}
					foreign, _ = s.Data["issuer_id"].(string)
				},
				Config: rootConfig(t, mount, body("root-ca", "43800h")+"\n  key_type = \"ec\"\n  key_bits = 384"),
				Check:  capture(addr, "issuer_id", &issuer1),
			},
			{
				Config: rootConfig(t, mount, ""),
				Check: func(*terraform.State) error {
					if ok, _ := issuerExists(c, mount, issuer1); ok {
						return fmt.Errorf("destroyed root's issuer %s still in Vault", issuer1)
					}
					if ok, err := issuerExists(c, mount, foreign); !ok {
						return fmt.Errorf("the mount's other issuer %s was deleted too (%v)", foreign, err)
					}
					return nil
				},
			},
		},
	})
}

func checkIssuerName(t *testing.T, mount string, id *string, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := vaultAPI(t).Logical().Read(mount + "/issuer/" + *id)
		if err != nil || s == nil {
			return fmt.Errorf("issuer %s: %v", *id, err)
		}
		if got := s.Data["issuer_name"]; got != want {
			return fmt.Errorf("issuer_name in Vault is %q, want %q", got, want)
		}
		return nil
	}
}
