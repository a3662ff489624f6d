package proxmox_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func haGuestsConfig(e *acctest.ProxmoxEmulator, vmNode, ctNode, extra string) string {
	return acctest.ProviderConfig(e.Block()) + fmt.Sprintf(`
resource "homelab_proxmox_vm" "web" {
  node    = %q
  vmid    = 2060
  name    = "web-1"
  disk    = [{ slot = "scsi0", storage = "local-lvm", size = "8G" }]
  network = [{ bridge = "vmbr0" }]
}

resource "homelab_proxmox_lxc" "db" {
  node       = %q
  vmid       = 2061
  hostname   = "db-1"
  ostemplate = %q
  rootfs     = { storage = "local-lvm", size = "8G" }
}

resource "homelab_proxmox_ha_resource" "web" {
  sid = "vm:${homelab_proxmox_vm.web.vmid}"
}

resource "homelab_proxmox_ha_resource" "db" {
  sid = "ct:${homelab_proxmox_lxc.db.vmid}"
}
%s`, vmNode, ctNode, ostemplate, extra)
}

// TestAccHAGuestMigration: a new node of an HA-managed guest moves it
// through the HA manager (/cluster/ha/resources/{sid}/migrate), not the
// guest's own migrate call, and waits until it is there; a target the HA
// manager refuses (negative resource affinity) fails with the reason.
func TestAccHAGuestMigration(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e, "pve-s1", "pve-s3")
	const haMigrate = "POST /cluster/ha/resources/{sid}/migrate"
	calls := func(want map[string]int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			n := e.Counters()
			for k, v := range want {
				if n[k] != v {
					return fmt.Errorf("%s: %d calls, want %d", k, n[k], v)
				}
			}
			return nil
		}
	}
	apart := `
resource "homelab_proxmox_ha_rule" "apart" {
  rule      = "apart"
  type      = "resource-affinity"
  affinity  = "negative"
  resources = [homelab_proxmox_ha_resource.web.sid, homelab_proxmox_ha_resource.db.sid]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{Config: haGuestsConfig(e, "pve-s1", "pve-s3", "")},
			{
				PreConfig: e.ResetCounters,
				Config:    haGuestsConfig(e, "pve-s2", "pve-s1", ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("homelab_proxmox_vm.web", "id", "pve-s2/2060"),
					resource.TestCheckResourceAttr("homelab_proxmox_vm.web", "started", "true"),
					resource.TestCheckResourceAttr("homelab_proxmox_lxc.db", "id", "pve-s1/2061"),
					checkConfig(e, "qemu", "pve-s2", 2060, "name", "web-1"),
					checkConfig(e, "lxc", "pve-s1", 2061, "hostname", "db-1"),
					calls(map[string]int{haMigrate: 2, "POST /nodes/{node}/qemu/{vmid}/migrate": 0, "POST /nodes/{node}/lxc/{vmid}/migrate": 0}),
				),
			},
			{Config: haGuestsConfig(e, "pve-s2", "pve-s1", apart)},
			{
				Config:      haGuestsConfig(e, "pve-s1", "pve-s1", apart),
				ExpectError: errRe(`will not move vm:2060 to pve-s1: ct:2061 on pve-s1 must stay apart from it`),
			},
		},
	})
}
