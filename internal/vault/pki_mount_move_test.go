package vault_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func moveConfig(t *testing.T, rootPath, intPath, domain, urlsMount string) string {
	return providerBlock(t) + fmt.Sprintf(`
resource "homelab_vault_pki_mount" "root" {
  path          = %[1]q
  max_lease_ttl = "87600h"
}

resource "homelab_vault_pki_root_ca" "root" {
  mount       = homelab_vault_pki_mount.root.path
  common_name = "rachuna-net Root CA"
  key_type    = "ec"
  ttl         = "87600h"
}

resource "homelab_vault_pki_mount" "int" {
  path          = %[2]q
  max_lease_ttl = "43800h"
}

resource "homelab_vault_pki_intermediate_ca" "int" {
  mount             = homelab_vault_pki_mount.int.path
  signer_mount      = homelab_vault_pki_root_ca.root.mount
  signer_issuer_ref = homelab_vault_pki_root_ca.root.issuer_id
  common_name       = "rachuna-net Intermediate CA"
  key_type          = "ec"
  ttl               = "43800h"
}

resource "homelab_vault_pki_role" "root" {
  mount            = homelab_vault_pki_mount.root.path
  name             = "direct"
  allowed_domains  = [%[3]q]
  allow_subdomains = true
  key_type         = "ec"
}

resource "homelab_vault_pki_config_urls" "urls" {
  mount                = %[4]s
  issuing_certificates = ["https://vault.rachuna-net.pl:8200/v1/pki/ca"]
}

resource "homelab_vault_pki_certificate" "leaf" {
  mount       = homelab_vault_pki_role.root.mount
  role        = homelab_vault_pki_role.root.name
  common_name = "host.%[3]s"
  ttl         = "720h"
}
`, rootPath, intPath, domain, urlsMount)
}

// Moving a mount moves what is in it: the CA, the intermediate signed by it,
// the role, the URLs and the certificate follow in place, nothing is re-issued.
func TestAccPKIMount_moveWithContents(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	p1, p2, pint := uniq("mv-from"), uniq("mv-to"), uniq("mv-int")
	domain := uniq("mv") + ".rachuna-net.pl"
	const (
		mount = "homelab_vault_pki_mount.root"
		root  = "homelab_vault_pki_root_ca.root"
		inter = "homelab_vault_pki_intermediate_ca.int"
		role  = "homelab_vault_pki_role.root"
		urls  = "homelab_vault_pki_config_urls.urls"
		leaf  = "homelab_vault_pki_certificate.leaf"
	)
	var rootID, intID, serial string
	empty := plancheck.ExpectEmptyPlan()
	update := func(addrs ...string) []plancheck.PlanCheck {
		var checks []plancheck.PlanCheck
		for _, a := range addrs {
			checks = append(checks, plancheck.ExpectResourceAction(a, plancheck.ResourceActionUpdate))
		}
		return checks
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, m := range []string{p1, p2, pint} {
				if ok, err := mountExists(c, m); err != nil || ok {
					return fmt.Errorf("mount %s still exists after destroy (err %v)", m, err)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: moveConfig(t, p1, pint, domain, "homelab_vault_pki_mount.root.path"),
				Check: resource.ComposeAggregateTestCheckFunc(
					capture(root, "issuer_id", &rootID),
					capture(inter, "issuer_id", &intID),
					capture(leaf, "serial_number", &serial),
				),
			},
			{ // the move
				Config: moveConfig(t, p2, pint, domain, "homelab_vault_pki_mount.root.path"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             update(mount, root, inter, role, urls, leaf),
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPtr(root, "issuer_id", &rootID),
					resource.TestCheckResourceAttrPtr(inter, "issuer_id", &intID),
					resource.TestCheckResourceAttrPtr(leaf, "serial_number", &serial),
					resource.TestCheckResourceAttr(inter, "signer_mount", p2),
					resource.TestCheckResourceAttr(role, "id", p2+"/roles/direct"),
					resource.TestCheckResourceAttr(urls, "id", p2+"/config/urls"),
					func(s *terraform.State) error {
						if id := mustAttr(s, root, "id"); id != p2+"/issuer/"+rootID {
							return fmt.Errorf("root id %s after the move", id)
						}
						if id := mustAttr(s, leaf, "id"); id != p2+"/cert/"+serial {
							return fmt.Errorf("certificate id %s after the move", id)
						}
						if ok, err := issuerExists(c, p2, rootID); !ok {
							return fmt.Errorf("root issuer not in the moved mount %s: %v", p2, err)
						}
						if ok, _ := mountExists(c, p1); ok {
							return fmt.Errorf("old mount %s still exists", p1)
						}
						return nil
					},
				),
			},
			{ResourceName: root, ImportState: true, ImportStateVerify: true},
			{ResourceName: root, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ResourceName: inter, ImportState: true, ImportStateVerify: true},
			{ResourceName: inter, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ // pointing a resource at another mount (no move) still replaces it
				Config: moveConfig(t, p2, pint, domain, "homelab_vault_pki_mount.int.path"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(urls, plancheck.ResourceActionReplace),
						plancheck.ExpectResourceAction(root, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.TestCheckResourceAttr(urls, "id", pint+"/config/urls"),
			},
		},
	})
}
