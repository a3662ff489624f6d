package vault_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func roleConfig(t *testing.T, mount, body string) string {
	return providerBlock(t) + fmt.Sprintf(`
resource "homelab_vault_pki_role" "this" {
  mount = %q
  name  = "rachuna-net-pl"
%s
}
`, mount, body)
}

// checkRole compares fields of the role in Vault.
func checkRole(t *testing.T, mount string, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := vaultAPI(t).Logical().Read(mount + "/roles/rachuna-net-pl")
		if err != nil || s == nil {
			return fmt.Errorf("role not in Vault: %v", err)
		}
		for k, v := range want {
			got := s.Data[k]
			if fmt.Sprint(got) != fmt.Sprint(v) && !reflect.DeepEqual(got, v) {
				return fmt.Errorf("role %s in Vault = %v, want %v", k, got, v)
			}
		}
		return nil
	}
}

func TestAccPKIRole(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	mount := uniq("role")
	mountPKI(t, c, mount)
	const addr = "homelab_vault_pki_role.this"
	empty := plancheck.ExpectEmptyPlan()
	v1 := `
  allowed_domains  = ["rachuna-net.pl"]
  allow_subdomains = true
  ttl              = "360h"
  max_ttl          = "2160h"`
	v2 := `
  allowed_domains    = ["rachuna-net.pl", "lab.rachuna-net.pl"]
  allow_subdomains   = true
  allow_bare_domains = true
  allow_ip_sans      = false
  ttl                = "720h"
  max_ttl            = "2160h"
  key_type           = "ec"
  key_usage          = ["DigitalSignature"]
  ext_key_usage      = ["TimeStamping"]
  client_flag        = false`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if s, err := c.Logical().Read(mount + "/roles/rachuna-net-pl"); err != nil || s != nil {
				return fmt.Errorf("role still in Vault after destroy (%v)", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // create: Vault's defaults (key_usage, key_bits, flags) are no diff
				Config:           roleConfig(t, mount, v1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{empty}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", mount+"/roles/rachuna-net-pl"),
					resource.TestCheckResourceAttr(addr, "key_usage.#", "3"),
					resource.TestCheckResourceAttr(addr, "key_bits", "2048"),
					resource.TestCheckResourceAttr(addr, "issuer_ref", "default"),
					checkRole(t, mount, map[string]any{
						"allowed_domains": []any{"rachuna-net.pl"}, "allow_subdomains": true, "ttl": "1296000",
						"max_ttl": "7776000", "key_type": "rsa", "key_bits": "2048", "allow_ip_sans": true,
						"key_usage": []any{"DigitalSignature", "KeyAgreement", "KeyEncipherment"},
					}),
				),
			},
			{ // update in place
				Config: roleConfig(t, mount, v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "key_bits", "256"),
					resource.TestCheckResourceAttr(addr, "ttl", "720h"),
					checkRole(t, mount, map[string]any{
						"allowed_domains": []any{"rachuna-net.pl", "lab.rachuna-net.pl"}, "allow_bare_domains": true,
						"allow_ip_sans": false, "ttl": "2592000", "key_type": "ec", "key_bits": "256",
						"key_usage": []any{"DigitalSignature"}, "ext_key_usage": []any{"TimeStamping"}, "client_flag": false,
					}),
				),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ // changed outside Tofu: detected and put back
				PreConfig: func() {
					if _, err := c.Logical().Write(mount+"/roles/rachuna-net-pl", map[string]any{
						"allowed_domains": []string{"evil.example"}, "allow_any_name": true}); err != nil {
						t.Fatal(err)
					}
				},
				Config: roleConfig(t, mount, v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: checkRole(t, mount, map[string]any{
					"allowed_domains": []any{"rachuna-net.pl", "lab.rachuna-net.pl"}, "allow_any_name": false, "key_type": "ec"}),
			},
			{ // deleted outside Tofu: created again
				PreConfig: func() {
					if _, err := c.Logical().Delete(mount + "/roles/rachuna-net-pl"); err != nil {
						t.Fatal(err)
					}
				},
				Config: roleConfig(t, mount, v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: checkRole(t, mount, map[string]any{"key_type": "ec", "client_flag": false}),
			},
			{ // back to defaults: removed settings return to Vault's defaults
				Config: roleConfig(t, mount, `  allowed_domains = ["rachuna-net.pl"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckNoResourceAttr(addr, "ttl"),
					checkRole(t, mount, map[string]any{"ttl": "0", "max_ttl": "0", "key_type": "rsa", "key_bits": "2048",
						"client_flag": true, "allow_ip_sans": true, "ext_key_usage": []any{},
						"key_usage": []any{"DigitalSignature", "KeyAgreement", "KeyEncipherment"}}),
				),
			},
		},
	})
}
