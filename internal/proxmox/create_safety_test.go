package proxmox_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// Nothing lost, nothing duplicated (issue 11): an interrupted create keeps
// the guest in the state; a guest whose state was lost is found again.

// guestsNamed returns the vmids of the emulator's guests of kind named name.
func guestsNamed(t *testing.T, e *acctest.ProxmoxEmulator, kind, name string) []string {
	t.Helper()
	list, err := clusterGuests(e)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, g := range list {
		if g["type"] == kind && g["name"] == name {
			ids = append(ids, fmt.Sprint(g["vmid"]))
		}
	}
	return ids
}

// checkOneGuestNamed asserts exactly one guest of kind named name, and that
// it is the one in the state at addr.
func checkOneGuestNamed(t *testing.T, e *acctest.ProxmoxEmulator, kind, name, addr string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ids := guestsNamed(t, e, kind, name)
		if len(ids) != 1 {
			return fmt.Errorf("want exactly one %s named %q on the emulator, found vmids %v", kind, name, ids)
		}
		if addr != "" {
			rs := s.RootModule().Resources[addr]
			if rs == nil || rs.Primary.Attributes["vmid"] != ids[0] {
				return fmt.Errorf("%s is not the guest %s on the emulator (state %v)", addr, ids[0], rs)
			}
		}
		return nil
	}
}

// waitUnlocked waits until no guest holds a task lock (an interrupted
// create's task still runs on PVE after the provider stopped waiting).
func waitUnlocked(t *testing.T, e *acctest.ProxmoxEmulator) {
	t.Helper()
	for i := 0; i < 200; i++ {
		list, err := clusterGuests(e)
		if err != nil {
			t.Fatal(err)
		}
		locked := false
		for _, g := range list {
			locked = locked || g["lock"] != nil
		}
		if !locked {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("a guest stayed locked")
}

// TestAccLXC_interruptedCreateKept: the wait for the create task is cut
// short (here by the provider's timeout; SIGINT cancels the same wait) after
// PVE accepted the create. The container is in the state, tainted, and the
// next apply replaces it: one container with that hostname, never two.
func TestAccLXC_interruptedCreateKept(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	block := strings.TrimSuffix(e.Block(), "  }") + "    timeout = \"1s\"\n  }"
	cfg := acctest.ProviderConfig(block) + `
resource "homelab_proxmox_lxc" "ct" {
  node       = "pve-s1"
  hostname   = "ct-interrupted"
  ostemplate = "` + ostemplate + `"
  rootfs     = { storage = "local-lvm", size = "4G" }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{ // PVE takes the create, its task outlives the provider's wait
				PreConfig:   func() { e.SetTaskDuration(3 * time.Second) },
				Config:      cfg,
				ExpectError: errRe(`Creating the container failed.*still running`),
			},
			{ // the tainted container is replaced, not duplicated
				PreConfig: func() {
					if ids := guestsNamed(t, e, "lxc", "ct-interrupted"); len(ids) != 1 {
						t.Fatalf("after the interrupted apply: containers %v", ids)
					}
					e.SetTaskDuration(0)
					waitUnlocked(t, e)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOneGuestNamed(t, e, "lxc", "ct-interrupted", lxcAddr),
					resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
				),
			},
			{ // and then nothing more to do
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// TestAccLXC_orphanRefusedWithImportHint: as after a SIGKILL of the apply,
// the container exists but the state does not know it. The create is
// refused with the import to use instead of making a second container; the
// suggested import then adopts it.
func TestAccLXC_orphanRefusedWithImportHint(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	raw, err := e.Call("POST", "/nodes/pve-s1/lxc", map[string]string{
		"vmid": "100", "hostname": "web01", "ostemplate": ostemplate, "rootfs": "local-lvm:4",
	})
	if err != nil {
		t.Fatal(err)
	}
	waitTask(t, e, raw)
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_lxc" "ct" {
  node       = "pve-s1"
  hostname   = "web01"
  ostemplate = "` + ostemplate + `"
  rootfs     = { storage = "local-lvm", size = "4G" }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ExpectError: errRe(`A container with this hostname already exists.*` +
					`CT 100 on node pve-s1 already has the hostname "web01".*` +
					regexp.QuoteMeta(`import {`) + `.*` + regexp.QuoteMeta(`to = homelab_proxmox_lxc.<name>`) + `.*` + regexp.QuoteMeta(`id = "pve-s1/100"`)),
			},
			{ // the suggested import adopts it
				PreConfig: func() {
					if ids := guestsNamed(t, e, "lxc", "web01"); len(ids) != 1 {
						t.Fatalf("after the refused create: containers %v", ids)
					}
				},
				Config: cfg + `
import {
  to = homelab_proxmox_lxc.ct
  id = "pve-s1/100"
}
`,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOneGuestNamed(t, e, "lxc", "web01", lxcAddr),
					resource.TestCheckResourceAttr(lxcAddr, "vmid", "100"),
				),
			},
		},
	})
}

// TestAccVM_orphanRefusedWithImportHint: the same for a VM, by its name.
func TestAccVM_orphanRefusedWithImportHint(t *testing.T) {
	e := acctest.Proxmox(t)
	raw, err := e.Call("POST", "/nodes/pve-s2/qemu", map[string]string{"vmid": "100", "name": "db01", "scsi0": "local-lvm:4"})
	if err != nil {
		t.Fatal(err)
	}
	waitTask(t, e, raw)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "db" {
  node    = "pve-s1"
  name    = "db01"
  started = false
  disk    = [{ slot = "scsi0", storage = "local-lvm", size = "4G" }]
}
`,
			ExpectError: errRe(`A VM with this name already exists.*VM 100 on node pve-s2 already has the name "db01".*` +
				regexp.QuoteMeta(`to = homelab_proxmox_vm.<name>`) + `.*` + regexp.QuoteMeta(`id = "pve-s2/100"`)),
		}},
	})
	if ids := guestsNamed(t, e, "qemu", "db01"); len(ids) != 1 {
		t.Fatalf("VMs named db01: %v", ids)
	}
}

// TestAccLXC_missingBridge: PVE creates a container on a bridge the node
// lacks, then fails its start; the diagnostic names the network entry, the
// container is kept (tainted) and replaced once the bridge is fixed.
func TestAccLXC_missingBridge(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	cfg := func(bridge string) string {
		return lxcConfig(e, `rootfs = { storage = "local-lvm", size = "4G" }
  network = [{ name = "eth0", bridge = "`+bridge+`", ip = "dhcp" }]`)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{
				Config: cfg("vmbr-nope"),
				ExpectError: errRe(`Starting the container failed.*The bridge "vmbr-nope" does not exist on node pve-s1.*` +
					`bridge 'vmbr-nope' does not exist.*kept in the state, tainted`),
			},
			{
				Config: cfg("vmbr0"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
					checkOneGuestNamed(t, e, "lxc", "ct01005", lxcAddr),
				),
			},
		},
	})
}

// TestAccVM_interruptedCloneKept: the same for a VM cloned from a template.
func TestAccVM_interruptedCloneKept(t *testing.T) {
	e := acctest.Proxmox(t)
	withVMTemplate(t, e)
	block := strings.TrimSuffix(e.Block(), "  }") + "    timeout = \"1s\"\n  }"
	cfg := strings.Replace(vmConfig(e, "pve-s1", `  cores = 2
  disk  = [{ slot = "scsi0", storage = "local-lvm", size = "8G" }]`), e.Block(), block, 1)
	onlyTemplate := func(*terraform.State) error {
		list, err := clusterGuests(e)
		if err != nil {
			return err
		}
		if len(list) != 1 {
			return fmt.Errorf("guests left: %v", list)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             onlyTemplate,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { e.SetTaskDuration(3 * time.Second) },
				Config:      cfg,
				ExpectError: errRe(`Cloning the VM failed.*still running`),
			},
			{
				PreConfig: func() {
					e.SetTaskDuration(0)
					waitUnlocked(t, e)
				},
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkOneGuestNamed(t, e, "qemu", "haproxy-1", vmAddr),
					resource.TestCheckResourceAttr(vmAddr, "cores", "2"),
				),
			},
			{
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}
