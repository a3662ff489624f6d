package vault_test

import (
	"crypto/x509"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// chainConfig is the lab's PKI: root in one mount, intermediate in another,
// a role for the domain and leaf certificates.
type chainConfig struct {
	root, inter, domain string
	intName, intTTL     string
	role, leaves        string // extra role arguments, leaf certificate resources
}

func (c chainConfig) String(t *testing.T) string {
	if c.intName == "" {
		c.intName = "rachuna-net-intermediate"
	}
	if c.intTTL == "" {
		c.intTTL = "43800h"
	}
	return providerBlock(t) + fmt.Sprintf(`
resource "homelab_vault_pki_mount" "root" {
  path          = %[1]q
  description   = "rachuna-net Root CA"
  max_lease_ttl = "87600h"
}

resource "homelab_vault_pki_root_ca" "root" {
  mount        = homelab_vault_pki_mount.root.path
  common_name  = "rachuna-net Root CA"
  organization = ["rachuna-net"]
  key_type     = "ec"
  key_bits     = 384
  ttl          = "87600h"
  issuer_name  = "root-ca"
}

resource "homelab_vault_pki_mount" "int" {
  path          = %[2]q
  description   = "rachuna-net Intermediate CA"
  max_lease_ttl = "43800h"
}

resource "homelab_vault_pki_intermediate_ca" "int" {
  mount             = homelab_vault_pki_mount.int.path
  signer_mount      = homelab_vault_pki_root_ca.root.mount
  signer_issuer_ref = homelab_vault_pki_root_ca.root.issuer_id
  common_name       = "rachuna-net Intermediate CA"
  organization      = ["rachuna-net"]
  key_type          = "ec"
  key_bits          = 256
  ttl               = %[5]q
  issuer_name       = %[4]q
}

resource "homelab_vault_pki_role" "web" {
  mount            = homelab_vault_pki_intermediate_ca.int.mount
  name             = "rachuna-net-pl"
  issuer_ref       = homelab_vault_pki_intermediate_ca.int.issuer_id
  allowed_domains  = [%[3]q]
  allow_subdomains = true
  max_ttl          = "720h"
  key_type         = "ec"
%[6]s
}
%[7]s
`, c.root, c.inter, c.domain, c.intName, c.intTTL, c.role, c.leaves)
}

func leafConfig(name, cn, extra string) string {
	return fmt.Sprintf(`
resource "homelab_vault_pki_certificate" %q {
  mount       = homelab_vault_pki_role.web.mount
  role        = homelab_vault_pki_role.web.name
  issuer_ref  = homelab_vault_pki_intermediate_ca.int.issuer_id
  common_name = %q
%s
}
`, name, cn, extra)
}

// verifyLeaf checks the leaf against the chain with crypto/x509: the root from
// the root CA resource is the only trust anchor, the intermediate comes from
// the intermediate resource, the name must match.
func verifyLeaf(leafAddr, dnsName string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rootPEM, err := attr(s, "homelab_vault_pki_root_ca.root", "certificate")
		if err != nil {
			return err
		}
		intPEM, _ := attr(s, "homelab_vault_pki_intermediate_ca.int", "certificate")
		leafPEM, _ := attr(s, leafAddr, "certificate")
		roots, inters := x509.NewCertPool(), x509.NewCertPool()
		if !roots.AppendCertsFromPEM([]byte(rootPEM)) || !inters.AppendCertsFromPEM([]byte(intPEM)) {
			return fmt.Errorf("root or intermediate PEM does not parse")
		}
		leaf, err := parseCert(nil, leafPEM)
		if err != nil {
			return err
		}
		chains, err := leaf.Verify(x509.VerifyOptions{
			DNSName: dnsName, Roots: roots, Intermediates: inters,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		})
		if err != nil {
			return fmt.Errorf("leaf does not verify against root -> intermediate: %w", err)
		}
		if len(chains[0]) != 3 {
			return fmt.Errorf("chain has %d certificates, want leaf, intermediate, root", len(chains[0]))
		}
		// the intermediate's ca_chain is intermediate then root
		c0, _ := attr(s, "homelab_vault_pki_intermediate_ca.int", "ca_chain.0")
		c1, _ := attr(s, "homelab_vault_pki_intermediate_ca.int", "ca_chain.1")
		if !samePEM(c0, intPEM) || !samePEM(c1, rootPEM) {
			return fmt.Errorf("intermediate ca_chain is not [intermediate, root]")
		}
		// the leaf's issuing CA is the intermediate
		if ica, _ := attr(s, leafAddr, "issuing_ca"); !samePEM(ica, intPEM) {
			return fmt.Errorf("leaf issuing_ca is not the intermediate")
		}
		// and the private key matches the certificate
		key, _ := attr(s, leafAddr, "private_key")
		if err := keyMatches(leaf, key); err != nil {
			return err
		}
		return nil
	}
}

func TestAccPKIIntermediateCA_chain(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	root, inter := uniq("root"), uniq("int")
	domain := uniq("lab") + ".rachuna-net.pl"
	const ia = "homelab_vault_pki_intermediate_ca.int"
	const ra = "homelab_vault_pki_root_ca.root"
	empty := plancheck.ExpectEmptyPlan()
	leaves := leafConfig("vault", "vault."+domain, `  ttl = "720h"`) + leafConfig("consul", "consul."+domain, `  alt_names = ["consul-ui.`+domain+`"]
  ip_sans   = ["10.10.10.7"]`)
	cfg := chainConfig{root: root, inter: inter, domain: domain, leaves: leaves}
	var intID, rootID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, m := range []string{root, inter} {
				if ok, err := mountExists(c, m); err != nil || ok {
					return fmt.Errorf("mount %s still exists after destroy (err %v)", m, err)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // the whole chain
				Config:           cfg.String(t),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{empty}},
				Check: resource.ComposeAggregateTestCheckFunc(
					capture(ia, "issuer_id", &intID),
					capture(ra, "issuer_id", &rootID),
					verifyLeaf("homelab_vault_pki_certificate.vault", "vault."+domain),
					verifyLeaf("homelab_vault_pki_certificate.consul", "consul-ui."+domain),
					resource.TestCheckResourceAttr(ia, "ca_chain.#", "2"),
					resource.TestCheckResourceAttr(ia, "issuer_name", "rachuna-net-intermediate"),
					func(s *terraform.State) error {
						// the intermediate is the default issuer of its mount, and has its key in Vault
						d, err := c.Logical().Read(inter + "/config/issuers")
						if err != nil || d == nil || d.Data["default"] != intID {
							return fmt.Errorf("default issuer of %s is %v, want %s (%v)", inter, d.Data["default"], intID, err)
						}
						cert, err := parseCert(t, mustAttr(s, ia, "certificate"))
						if err != nil {
							return err
						}
						if !cert.IsCA || cert.Subject.CommonName != "rachuna-net Intermediate CA" || cert.Issuer.CommonName != "rachuna-net Root CA" {
							return fmt.Errorf("intermediate: isCA=%v subject=%s issuer=%s", cert.IsCA, cert.Subject, cert.Issuer)
						}
						if life := cert.NotAfter.Sub(cert.NotBefore); life < 43800*time.Hour || life > 43800*time.Hour+time.Minute {
							return fmt.Errorf("intermediate validity %s", life)
						}
						// only the intermediate was imported into its mount
						l, err := c.Logical().List(inter + "/issuers")
						if err != nil || l == nil || len(l.Data["keys"].([]any)) != 1 {
							return fmt.Errorf("mount %s should hold exactly one issuer: %v %v", inter, l, err)
						}
						return nil
					},
				),
			},
			{ResourceName: ia, ImportState: true, ImportStateVerify: true},
			{ResourceName: ia, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ResourceName: ra, ImportState: true, ImportStateVerify: true},
			{ResourceName: ra, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ // rename the intermediate in place
				Config: chainConfig{root: root, inter: inter, domain: domain, leaves: leaves, intName: "int-2026"}.String(t),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ia, plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("homelab_vault_pki_certificate.vault", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPtr(ia, "issuer_id", &intID),
					checkIssuerName(t, inter, &intID, "int-2026"),
				),
			},
			{ // another default issuer set outside Tofu: put back
				PreConfig: func() {
					s, err := c.Logical().Write(inter+"/issuers/generate/root/internal", map[string]any{
						"common_name": "intruder", "ttl": "1h", "key_type": "ec"})
					if err != nil {
						t.Fatal(err)
					}
					if _, err := c.Logical().Write(inter+"/config/issuers", map[string]any{"default": s.Data["issuer_id"]}); err != nil {
						t.Fatal(err)
					}
				},
				Config: chainConfig{root: root, inter: inter, domain: domain, leaves: leaves, intName: "int-2026"}.String(t),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(ia, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: func(*terraform.State) error {
					d, err := c.Logical().Read(inter + "/config/issuers")
					if err != nil || d == nil || d.Data["default"] != intID {
						return fmt.Errorf("default issuer of %s not put back to %s: %v %v", inter, intID, d, err)
					}
					return nil
				},
			},
			{ // intermediate issuer deleted outside Tofu: replaced (and the role follows its new ID)
				PreConfig: func() {
					if _, err := c.Logical().Delete(inter + "/issuer/" + intID); err != nil {
						t.Fatal(err)
					}
				},
				Config: chainConfig{root: root, inter: inter, domain: domain, leaves: leaves, intName: "int-2026"}.String(t),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ia, plancheck.ResourceActionReplace),
						plancheck.ExpectResourceAction(ra, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(ia, "issuer_id", &intID),
					capture(ia, "issuer_id", &intID),
					resource.TestCheckResourceAttrPair("homelab_vault_pki_role.web", "issuer_ref", ia, "issuer_id"),
				),
			},
			{ // new leaves verify against the new intermediate
				Config: chainConfig{root: root, inter: inter, domain: domain, intName: "int-2026",
					leaves: leafConfig("haproxy", "haproxy."+domain, "")}.String(t),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{empty}},
				Check:            verifyLeaf("homelab_vault_pki_certificate.haproxy", "haproxy."+domain),
			},
			{ // root deleted outside Tofu: root and intermediate replaced
				PreConfig: func() {
					if _, err := c.Logical().Delete(root + "/issuer/" + rootID); err != nil {
						t.Fatal(err)
					}
				},
				Config: chainConfig{root: root, inter: inter, domain: domain, intName: "int-2026",
					leaves: leafConfig("haproxy", "haproxy."+domain, "")}.String(t),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ra, plancheck.ResourceActionReplace),
						plancheck.ExpectResourceAction(ia, plancheck.ResourceActionReplace),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(ra, "issuer_id", &rootID),
					changed(ia, "issuer_id", &intID),
					capture(ia, "issuer_id", &intID),
				),
			},
			{ // a ttl change replaces the intermediate
				Config: chainConfig{root: root, inter: inter, domain: domain, intName: "int-2026", intTTL: "26280h",
					leaves: leafConfig("haproxy", "haproxy."+domain, "")}.String(t),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(ia, plancheck.ResourceActionReplace),
						plancheck.ExpectResourceAction(ra, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(ia, "issuer_id", &intID),
					func(*terraform.State) error { // the replaced issuer is gone
						if ok, _ := issuerExists(c, inter, intID); ok {
							return fmt.Errorf("replaced intermediate issuer %s still in Vault", intID)
						}
						return nil
					},
				),
			},
		},
	})
}
