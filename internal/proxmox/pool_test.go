package proxmox_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// emuPool reads a pool (GET /pools?poolid=) from the emulator; nil when gone.
func emuPool(e *acctest.ProxmoxEmulator, id string) (map[string]any, error) {
	raw, err := e.Call("GET", "/pools", map[string]string{"poolid": id})
	if err != nil {
		return nil, err
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil || len(list) != 1 {
		return nil, fmt.Errorf("pool %s: %s (%v)", id, raw, err)
	}
	return list[0], nil
}

func checkPoolComment(e *acctest.ProxmoxEmulator, id, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p, err := emuPool(e, id)
		if err != nil {
			return err
		}
		if got := fmt.Sprint(p["comment"]); got != want {
			return fmt.Errorf("pool %s comment %q, want %q", id, got, want)
		}
		return nil
	}
}

func poolConfig(e *acctest.ProxmoxEmulator, comment string) string {
	return acctest.ProviderConfig(e.Block()) + fmt.Sprintf(`
resource "homelab_proxmox_pool" "lab" {
  pool_id = "lab"
  comment = %q
}

resource "homelab_proxmox_pool" "k8s" {
  pool_id = "${homelab_proxmox_pool.lab.pool_id}/k8s"
  comment = "nested"
}

resource "homelab_proxmox_lxc" "ct" {
  node       = "pve-s1"
  vmid       = 1005
  hostname   = "ct01005"
  ostemplate = %q
  rootfs     = { storage = "local-lvm", size = "8G" }
  pool       = homelab_proxmox_pool.k8s.pool_id
}
`, comment, ostemplate)
}

func TestAccPool_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	const addr = "homelab_proxmox_pool.lab"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			raw, err := e.Call("GET", "/pools", nil)
			if err != nil {
				return err
			}
			if string(raw) != "[]" {
				return fmt.Errorf("pools left after destroy: %s", raw)
			}
			return checkNoGuests(e)(nil)
		},
		Steps: []resource.TestStep{
			{ // create, with a nested pool holding a container
				Config: poolConfig(e, "homelab"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "id", "lab"),
					resource.TestCheckResourceAttr("homelab_proxmox_pool.k8s", "id", "lab/k8s"),
					checkPoolComment(e, "lab", "homelab"),
					func(*terraform.State) error {
						p, err := emuPool(e, "lab/k8s")
						if err != nil {
							return err
						}
						if m, _ := p["members"].([]any); len(m) != 1 {
							return fmt.Errorf("lab/k8s members %v", p["members"])
						}
						return nil
					},
				),
			},
			{ // in place
				Config: poolConfig(e, "the lab"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: checkPoolComment(e, "lab", "the lab"),
			},
			{RefreshState: true},
			{ResourceName: addr, ImportState: true, ImportStateId: "lab", ImportStateVerify: true},
			{ResourceName: "homelab_proxmox_pool.k8s", ImportState: true, ImportStateId: "lab/k8s", ImportStateVerify: true},
			{Config: poolConfig(e, "the lab"), ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "lab"},
			{ // out-of-band change
				PreConfig: func() {
					if _, err := e.Call("PUT", "/pools", map[string]string{"poolid": "lab", "comment": "by hand"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: poolConfig(e, "the lab"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: checkPoolComment(e, "lab", "the lab"),
			},
			{ // out-of-band delete of the (empty) parent's sibling: recreated
				PreConfig: func() {
					if _, err := e.Call("POST", "/pools", map[string]string{"poolid": "spare"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: poolConfig(e, "the lab") + `
resource "homelab_proxmox_pool" "spare" {
  pool_id = "spare2"
}
`,
			},
			{
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/pools", map[string]string{"poolid": "spare2"}); err != nil {
						t.Fatal(err)
					}
					if _, err := e.Call("DELETE", "/pools", map[string]string{"poolid": "spare"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: poolConfig(e, "the lab") + `
resource "homelab_proxmox_pool" "spare" {
  pool_id = "spare2"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("homelab_proxmox_pool.spare", plancheck.ResourceActionCreate),
				}},
				Check: checkPoolComment(e, "spare2", "<nil>"),
			},
			{ // an existing pool is not taken over
				Config: poolConfig(e, "the lab") + `
resource "homelab_proxmox_pool" "dup" {
  pool_id = "lab"
}
`,
				ExpectError: errRe(`Creating pool "lab" \(homelab_proxmox_pool\) failed.*already has a pool "lab".*Import`),
			},
		},
	})
}

func TestAccPool_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	for name, tc := range map[string]struct{ body, want string }{
		"space":       {`pool_id = "my pool"`, `pool id`},
		"four levels": {`pool_id = "a/b/c/d"`, `pool id`},
		"multi-line":  {`pool_id = "a"` + "\n" + `comment = "x\ny"`, `single line`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
				PlanOnly: true, Config: acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_pool\" \"bad\" {\n" + tc.body + "\n}\n",
				ExpectError: errRe(tc.want),
			}}})
		})
	}
}
