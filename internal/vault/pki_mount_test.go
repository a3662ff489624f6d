package vault_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func mountConfig(t *testing.T, path, extra string) string {
	return providerBlock(t) + fmt.Sprintf(`
resource "homelab_vault_pki_mount" "this" {
  path = %q
%s
}
`, path, extra)
}

// checkMount compares what Vault has at path with the expected description
// and TTLs in seconds.
func checkMount(t *testing.T, path, desc string, def, max int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		m, err := vaultAPI(t).Sys().GetMountWithContext(context.Background(), path)
		if err != nil {
			return fmt.Errorf("mount %s: %w", path, err)
		}
		if m.Type != "pki" || m.Description != desc || m.Config.DefaultLeaseTTL != def || m.Config.MaxLeaseTTL != max {
			return fmt.Errorf("mount %s in Vault: type=%s description=%q default=%d max=%d; want pki %q %d %d",
				path, m.Type, m.Description, m.Config.DefaultLeaseTTL, m.Config.MaxLeaseTTL, desc, def, max)
		}
		return nil
	}
}

func TestAccPKIMount(t *testing.T) {
	t.Parallel()
	c := vaultAPI(t)
	p1, p2 := uniq("mnt"), uniq("mnt-moved")
	const addr = "homelab_vault_pki_mount.this"
	empty := plancheck.ExpectEmptyPlan()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, p := range []string{p1, p2} {
				if ok, err := mountExists(c, p); err != nil || ok {
					return fmt.Errorf("mount %s still exists after destroy (err %v)", p, err)
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // create
				Config: mountConfig(t, p1, `
  description       = "rachuna-net Root CA"
  default_lease_ttl = "720h"
  max_lease_ttl     = "87600h"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{empty}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", p1),
					resource.TestCheckResourceAttr(addr, "max_lease_ttl", "87600h"),
					resource.TestCheckResourceAttrSet(addr, "accessor"),
					checkMount(t, p1, "rachuna-net Root CA", 720*3600, 87600*3600),
				),
			},
			{ // update in place; a respelled TTL is no diff; an unset TTL goes back to the system default
				Config: mountConfig(t, p1, `
  description   = "root"
  max_lease_ttl = "3650d"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckNoResourceAttr(addr, "default_lease_ttl"),
					resource.TestCheckResourceAttr(addr, "max_lease_ttl", "3650d"),
					checkMount(t, p1, "root", 0, 87600*3600),
				),
			},
			{ // move in place: what is in the mount moves along
				PreConfig: func() {
					if _, err := c.Logical().Write(p1+"/roles/kept", map[string]any{"allow_any_name": true}); err != nil {
						t.Fatal(err)
					}
				},
				Config: mountConfig(t, p2, `
  description   = "root"
  max_lease_ttl = "87600h"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", p2),
					checkMount(t, p2, "root", 0, 87600*3600),
					func(*terraform.State) error {
						if ok, _ := mountExists(c, p1); ok {
							return fmt.Errorf("old mount %s still exists", p1)
						}
						s, err := c.Logical().Read(p2 + "/roles/kept")
						if err != nil || s == nil {
							return fmt.Errorf("role did not move with the mount: %v", err)
						}
						return nil
					},
				),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID}, // plans only the import
			{ // changed outside Tofu: detected and put back
				PreConfig: func() {
					if err := c.Sys().TuneMount(p2, apiTune("hand-edited", "1h")); err != nil {
						t.Fatal(err)
					}
				},
				Config: mountConfig(t, p2, `
  description   = "root"
  max_lease_ttl = "87600h"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: checkMount(t, p2, "root", 0, 87600*3600),
			},
			{ // deleted outside Tofu: created again
				PreConfig: func() {
					if err := c.Sys().Unmount(p2); err != nil {
						t.Fatal(err)
					}
				},
				Config: mountConfig(t, p2, `
  description   = "root"
  max_lease_ttl = "87600h"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{empty},
				},
				Check: checkMount(t, p2, "root", 0, 87600*3600),
			},
		},
	})
}
