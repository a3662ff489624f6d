package vault_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func urlsConfig(t *testing.T, mount, body string) string {
	return providerBlock(t) + fmt.Sprintf(`
resource "homelab_vault_pki_config_urls" "this" {
  mount = %q
%s
}
`, mount, body)
}

func checkURLs(t *testing.T, mount string, issuing, crl, ocsp []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		s, err := vaultAPI(t).Logical().Read(mount + "/config/urls")
		if err != nil || s == nil {
			return fmt.Errorf("config/urls: %v", err)
		}
		for k, want := range map[string][]string{"issuing_certificates": issuing, "crl_distribution_points": crl, "ocsp_servers": ocsp} {
			got := fmt.Sprint(s.Data[k])
			if got != fmt.Sprint(want) {
				return fmt.Errorf("%s in Vault = %s, want %v", k, got, want)
			}
		}
		return nil
	}
}

func TestAccPKIConfigURLs(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	mount := uniq("urls")
	mountPKI(t, c, mount)
	const addr = "homelab_vault_pki_config_urls.this"
	base := "https://vault.rachuna-net.pl:8200/v1/" + mount
	empty := plancheck.ExpectEmptyPlan()
	v1 := fmt.Sprintf(`  issuing_certificates    = ["%[1]s/ca"]
  crl_distribution_points = ["%[1]s/crl"]`, base)
	v2 := fmt.Sprintf(`  issuing_certificates    = ["%[1]s/ca", "http://vault.rachuna-net.pl:8200/v1/%[2]s/ca"]
  crl_distribution_points = ["%[1]s/crl"]
  ocsp_servers            = ["%[1]s/ocsp"]`, base, mount)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkURLs(t, mount, []string{}, []string{}, []string{}),
		Steps: []resource.TestStep{
			{
				Config:           urlsConfig(t, mount, v1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{empty}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", mount+"/config/urls"),
					resource.TestCheckNoResourceAttr(addr, "ocsp_servers"),
					checkURLs(t, mount, []string{base + "/ca"}, []string{base + "/crl"}, []string{}),
				),
			},
			{
				Config: urlsConfig(t, mount, v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: checkURLs(t, mount, []string{base + "/ca", "http://vault.rachuna-net.pl:8200/v1/" + mount + "/ca"},
					[]string{base + "/crl"}, []string{base + "/ocsp"}),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ // cleared outside Tofu: written again
				PreConfig: func() {
					if _, err := c.Logical().Write(mount+"/config/urls", map[string]any{
						"issuing_certificates": []string{}, "crl_distribution_points": []string{"http://evil.example/crl"},
						"ocsp_servers": []string{}}); err != nil {
						t.Fatal(err)
					}
				},
				Config: urlsConfig(t, mount, v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: checkURLs(t, mount, []string{base + "/ca", "http://vault.rachuna-net.pl:8200/v1/" + mount + "/ca"},
					[]string{base + "/crl"}, []string{base + "/ocsp"}),
			},
		},
	})
}
