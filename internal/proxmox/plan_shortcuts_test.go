package proxmox_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// lxcSpelledAsPVE is a container whose every value is spelled as PVE
// spells it, so its refreshed state is what OpenTofu proposes and an
// unchanged plan takes the provider server's shortcut; `started` and
// `onboot` are left to their defaults (true, false).
const lxcSpelledAsPVE = `
  cores  = 1
  memory = 512
  rootfs = { storage = "local-lvm", size = "8G" }
`

// TestAccLXC_defaultDriftOnShortcut: a plan of an unchanged container is
// answered with its prior state (plan_shortcuts.go), but not when a value
// the configuration leaves to its default changed on PVE: a container
// stopped and set to start at boot out of band is started again and its
// onboot reset, and the next plan is empty.
func TestAccLXC_defaultDriftOnShortcut(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{
				Config: lxcConfig(e, lxcSpelledAsPVE),
				Check:  resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
			},
			{ // unchanged: the shortcut's answer is no change
				Config: lxcConfig(e, lxcSpelledAsPVE),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{
				PreConfig: func() {
					if _, err := e.Call("PUT", "/nodes/pve-s1/lxc/1005/config", map[string]string{"onboot": "1"}); err != nil {
						t.Fatalf("out-of-band change: %v", err)
					}
					raw, err := e.Call("POST", "/nodes/pve-s1/lxc/1005/status/stop", nil)
					if err != nil {
						t.Fatalf("out-of-band stop: %v", err)
					}
					waitTask(t, e, raw)
					waitStopped(t, e, 1005)
				},
				Config: lxcConfig(e, lxcSpelledAsPVE),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(lxcAddr, tfjsonpath.New("started"), knownvalue.Bool(true)),
					plancheck.ExpectKnownValue(lxcAddr, tfjsonpath.New("onboot"), knownvalue.Bool(false)),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
					checkConfig(e, "lxc", "pve-s1", 1005, "onboot", "0"),
				),
			},
		},
	})
}
