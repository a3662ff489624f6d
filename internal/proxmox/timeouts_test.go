package proxmox_test

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func timeoutsLXC(extra string) string {
	return `
resource "homelab_proxmox_lxc" "ct" {
  node       = "pve-s1"
  hostname   = "ct-timeouts"
  ostemplate = "` + ostemplate + `"
  rootfs     = { storage = "local-lvm", size = "4G" }
` + extra + `
}
`
}

// TestAccLXC_timeouts: timeouts.create ends a create whose task outlives it,
// naming the timeout, with the container kept in the state (tainted, then
// replaced, never duplicated); timeouts.delete, as stored in the state,
// ends a destroy the same way; a timeout changes nothing on the guest.
func TestAccLXC_timeouts(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	cfg := func(body string) string { return acctest.ProviderConfig(e.Block()) + body }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { e.SetTaskDuration(3 * time.Second) },
				Config:      cfg(timeoutsLXC(`  timeouts = { create = "1s" }`)),
				ExpectError: errRe(`Creating the container failed.*still running, stopped waiting at the resource's timeouts.create = 1s`),
			},
			{ // the tainted container is replaced, not duplicated
				PreConfig: func() {
					if ids := guestsNamed(t, e, "lxc", "ct-timeouts"); len(ids) != 1 {
						t.Fatalf("after the timed-out create: containers %v", ids)
					}
					e.SetTaskDuration(0)
					waitUnlocked(t, e)
				},
				Config: cfg(timeoutsLXC(`  timeouts = { create = "5m", delete = "1s" }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: checkOneGuestNamed(t, e, "lxc", "ct-timeouts", lxcAddr),
			},
			{ // a changed timeout is no change on the guest
				Config: cfg(timeoutsLXC(`  timeouts = { create = "10m", delete = "1s" }`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkOneGuestNamed(t, e, "lxc", "ct-timeouts", lxcAddr),
			},
			{ // the stored delete timeout ends a slow destroy
				PreConfig:   func() { e.SetTaskDuration(3 * time.Second) },
				Config:      acctest.ProviderConfig(e.Block()),
				ExpectError: errRe(`Deleting the container failed.*stopped waiting at the resource's timeouts.delete = 1s`),
			},
			{
				PreConfig: func() { e.SetTaskDuration(0); waitUnlocked(t, e) },
				Config:    acctest.ProviderConfig(e.Block()),
			},
		},
	})
}
