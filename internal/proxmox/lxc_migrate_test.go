package proxmox_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// checkGuestOn asserts where the emulator has the guest, and its power state.
func checkGuestOn(e *acctest.ProxmoxEmulator, vmid int, node, status string) func(*terraform.State) error {
	return func(*terraform.State) error {
		list, err := clusterGuests(e)
		if err != nil {
			return err
		}
		for _, g := range list {
			if fmt.Sprint(g["vmid"]) == fmt.Sprint(vmid) {
				if g["node"] != node || g["status"] != status {
					return fmt.Errorf("guest %d is %v on %v, want %s on %s", vmid, g["status"], g["node"], status, node)
				}
				return nil
			}
		}
		return fmt.Errorf("guest %d not found on the emulator", vmid)
	}
}

// TestAccLXC_migrate: changing `node` migrates the container in place (a
// restart migration while it runs, a plain one when stopped), never a
// replacement; config changes in the same apply land on the target node.
func TestAccLXC_migrate(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	cfg := func(node, body string) string {
		return strings.Replace(lxcConfig(e, `
  rootfs  = { storage = "local-lvm", size = "8G" }
  network = [{ name = "eth0", bridge = "vmbr0", ip = "dhcp" }]
`+body), `node       = "pve-s1"`, `node       = "`+node+`"`, 1)
	}
	var mac string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{
				Config: cfg("pve-s1", `  memory = 1024`),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkGuestOn(e, 1005, "pve-s1", "running"),
					func(s *terraform.State) error {
						mac = s.RootModule().Resources[lxcAddr].Primary.Attributes["network.0.hwaddr"]
						return nil
					},
				),
			},
			{ // running: restart migration to pve-s2, with a config change
				Config: cfg("pve-s2", `  memory = 2048`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(lxcAddr, "id", "pve-s2/1005"),
					resource.TestCheckResourceAttr(lxcAddr, "node", "pve-s2"),
					resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
					checkGuestOn(e, 1005, "pve-s2", "running"),
					checkConfig(e, "lxc", "pve-s2", 1005, "memory", "2048"),
					checkConfig(e, "lxc", "pve-s2", 1005, "hostname", "ct01005"),
					func(s *terraform.State) error {
						if got := s.RootModule().Resources[lxcAddr].Primary.Attributes["network.0.hwaddr"]; got != mac {
							return fmt.Errorf("hwaddr %s -> %s: the container was replaced, not migrated", mac, got)
						}
						return nil
					},
				),
			},
			{ // empty plan on the new node
				Config:           cfg("pve-s2", `  memory = 2048`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{Config: cfg("pve-s2", "  memory = 2048\n  started = false")},
			{ // stopped: plain migration to pve-s3
				Config: cfg("pve-s3", "  memory = 2048\n  started = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(lxcAddr, "id", "pve-s3/1005"),
					checkGuestOn(e, 1005, "pve-s3", "stopped"),
				),
			},
			{
				Config:           cfg("pve-s3", "  memory = 2048\n  started = false"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
