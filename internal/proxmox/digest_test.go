package proxmox_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// betweenPlanAndApply is a pre-apply "plan check" that changes the guest in
// PVE after the plan was computed and before it is applied: plugin-testing
// runs these checks on the saved plan and then applies that very plan, so
// this is exactly an edit in the PVE UI during a `tofu apply` prompt.
type betweenPlanAndApply func() error

func (f betweenPlanAndApply) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

// TestAccLXC_staleDigest: a change made in PVE between plan and apply is not
// overwritten; the apply fails with a clear diagnostic, and the next plan
// (which sees the change) applies normally.
func TestAccLXC_staleDigest(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	base := `
  rootfs = { storage = "local-lvm", size = "8G" }
  description = "managed"
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{Config: lxcConfig(e, base+"  memory = 1024\n")},
			{ // normal update: the digest of the refresh is sent and accepted
				Config: lxcConfig(e, base+"  memory = 1536\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkConfig(e, "lxc", "pve-s1", 1005, "memory", "1536"),
			},
			{ // edited in PVE after the plan: refused, the edit survives
				Config: lxcConfig(e, base+"  memory = 2048\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
					betweenPlanAndApply(func() error {
						_, err := e.Call("PUT", "/nodes/pve-s1/lxc/1005/config", map[string]string{"description": "edited in the PVE UI"})
						return err
					}),
				}},
				ExpectError: errRe(`Container changed outside OpenTofu.*container pve-s1/1005 \(homelab_proxmox_lxc\) was changed outside OpenTofu.*plan.*again`),
			},
			{ // the edit was kept; a new plan sees it and applies normally
				PreConfig: func() {
					if err := checkConfig(e, "lxc", "pve-s1", 1005, "description", "edited in the PVE UI")(nil); err != nil {
						t.Fatalf("the out-of-band edit was overwritten: %v", err)
					}
					if err := checkConfig(e, "lxc", "pve-s1", 1005, "memory", "1536")(nil); err != nil {
						t.Fatalf("the refused update changed the container: %v", err)
					}
				},
				Config: lxcConfig(e, base+"  memory = 2048\n"),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkConfig(e, "lxc", "pve-s1", 1005, "memory", "2048"),
					checkConfig(e, "lxc", "pve-s1", 1005, "description", "managed"),
				),
			},
			{Config: lxcConfig(e, base+"  memory = 2048\n"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// TestAccVM_staleDigest: the same for the VM's POST .../config.
func TestAccVM_staleDigest(t *testing.T) {
	e := acctest.Proxmox(t)
	withVMTemplate(t, e)
	body := func(mem string) string {
		return `
  memory      = ` + mem + `
  started     = false
  description = "managed"
  disk = [{ slot = "scsi0", storage = "local-lvm", size = "8G" }]
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: vmConfig(e, "pve-s1", body("1024"))},
			{ // normal update
				Config: vmConfig(e, "pve-s1", body("1536")),
				Check:  checkConfig(e, "qemu", "pve-s1", 2001, "memory", "1536"),
			},
			{ // edited in PVE after the plan: refused
				Config: vmConfig(e, "pve-s1", body("2048")),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					betweenPlanAndApply(func() error {
						_, err := e.Call("PUT", "/nodes/pve-s1/qemu/2001/config", map[string]string{"description": "edited in the PVE UI"})
						return err
					}),
				}},
				ExpectError: errRe(`VM changed outside OpenTofu.*VM pve-s1/2001 \(homelab_proxmox_vm\) was changed outside OpenTofu.*plan.*again`),
			},
			{
				PreConfig: func() {
					if err := checkConfig(e, "qemu", "pve-s1", 2001, "description", "edited in the PVE UI")(nil); err != nil {
						t.Fatalf("the out-of-band edit was overwritten: %v", err)
					}
				},
				Config: vmConfig(e, "pve-s1", body("2048")),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkConfig(e, "qemu", "pve-s1", 2001, "memory", "2048"),
					checkConfig(e, "qemu", "pve-s1", 2001, "description", "managed"),
				),
			},
		},
	})
}

// TestAccLXC_staleDigestResize: a disk resize carries the digest too: an
// edit in PVE between plan and apply refuses a grow-only update, and a
// grow that follows the apply's own config change (which changes the
// digest) goes through.
func TestAccLXC_staleDigestResize(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	cfg := func(size, mem string) string {
		return lxcConfig(e, "  rootfs = { storage = \"local-lvm\", size = \""+size+"\" }\n  memory = "+mem+"\n")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{Config: cfg("8G", "1024")},
			{ // grow only, edited in PVE after the plan: refused, not grown
				Config: cfg("10G", "1024"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					betweenPlanAndApply(func() error {
						_, err := e.Call("PUT", "/nodes/pve-s1/lxc/1005/config", map[string]string{"description": "edited in the PVE UI"})
						return err
					}),
				}},
				ExpectError: errRe(`Container changed outside OpenTofu.*pve-s1/1005`),
			},
			{ // a new plan sees the edit; config change and grow in one apply
				PreConfig: func() {
					if err := checkConfig(e, "lxc", "pve-s1", 1005, "rootfs", "local-lvm:vm-1005-disk-0,size=8G")(nil); err != nil {
						t.Fatalf("the refused resize grew the disk: %v", err)
					}
				},
				Config: cfg("10G", "2048"),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkConfig(e, "lxc", "pve-s1", 1005, "memory", "2048"),
					checkConfig(e, "lxc", "pve-s1", 1005, "rootfs", "local-lvm:vm-1005-disk-0,size=10G"),
				),
			},
			{Config: cfg("10G", "2048"), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}
