package proxmox_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func powerVMConfig(e *acctest.ProxmoxEmulator, started bool) string {
	return acctest.ProviderConfig(e.Block()) + fmt.Sprintf(`
resource "homelab_proxmox_vm" "web" {
  node    = "pve-s1"
  vmid    = 2050
  name    = "web-1"
  started = %t
  disk    = [{ slot = "scsi0", storage = "local-lvm", size = "8G" }]
  network = [{ bridge = "vmbr0" }]
}
`, started)
}

// TestAccVM_stopGracefully: started = false shuts the VM down (ACPI
// shutdown with a timeout, then PVE stops it: forceStop) instead of
// pulling the plug; forceStop also gets a paused VM down, which a plain
// shutdown refuses.
func TestAccVM_stopGracefully(t *testing.T) {
	e := acctest.Proxmox(t)
	const shutdown, stop = "POST /nodes/{node}/qemu/{vmid}/status/shutdown", "POST /nodes/{node}/qemu/{vmid}/status/stop"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{Config: powerVMConfig(e, true), Check: resource.TestCheckResourceAttr("homelab_proxmox_vm.web", "started", "true")},
			{
				PreConfig: func() {
					raw, err := e.Call("POST", "/nodes/pve-s1/qemu/2050/status/suspend", nil)
					if err != nil {
						t.Fatal(err)
					}
					waitTask(t, e, raw)
					e.ResetCounters()
				},
				Config: powerVMConfig(e, false),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("homelab_proxmox_vm.web", "started", "false"),
					func(*terraform.State) error {
						if n := e.Counters(); n[shutdown] != 1 || n[stop] != 0 {
							return fmt.Errorf("want one shutdown and no stop, got shutdown %d, stop %d", n[shutdown], n[stop])
						}
						raw, err := e.Call("GET", "/nodes/pve-s1/qemu/2050/status/current", nil)
						if err != nil {
							return err
						}
						var st map[string]any
						if err := json.Unmarshal(raw, &st); err != nil {
							return err
						}
						if st["status"] != "stopped" {
							return fmt.Errorf("VM status %v", st["status"])
						}
						return nil
					},
				),
			},
		},
	})
}
