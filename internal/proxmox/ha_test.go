package proxmox_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// checkEmu asserts fields of an emulator object at path ("" = absent).
func checkEmu(e *acctest.ProxmoxEmulator, p string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		raw, err := e.Call("GET", p, nil)
		if err != nil {
			return err
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			return err
		}
		for k, w := range want {
			got := ""
			if m[k] != nil {
				got = fmt.Sprint(m[k])
			}
			if got != w {
				return fmt.Errorf("%s: %s = %q, want %q", p, k, got, w)
			}
		}
		return nil
	}
}

func haConfig(e *acctest.ProxmoxEmulator, ha1, rule1 string) string {
	var b strings.Builder
	b.WriteString(acctest.ProviderConfig(e.Block()))
	for _, id := range []int{1005, 1006} {
		fmt.Fprintf(&b, `
resource "homelab_proxmox_lxc" "ct%[1]d" {
  node       = "pve-s1"
  vmid       = %[1]d
  hostname   = "ct0%[1]d"
  ostemplate = %[2]q
  rootfs     = { storage = "local-lvm", size = "8G" }
}
`, id, ostemplate)
	}
	b.WriteString(`
resource "homelab_proxmox_ha_resource" "ct1005" {
  sid = "ct:${homelab_proxmox_lxc.ct1005.vmid}"
` + ha1 + `
}

resource "homelab_proxmox_ha_resource" "ct1006" {
  sid = "ct:${homelab_proxmox_lxc.ct1006.vmid}"
}

resource "homelab_proxmox_ha_rule" "s1" {
  rule      = "ct1005-on-s1"
  type      = "node-affinity"
  resources = [homelab_proxmox_ha_resource.ct1005.sid]
` + rule1 + `
}

resource "homelab_proxmox_ha_rule" "apart" {
  rule      = "apart"
  type      = "resource-affinity"
  affinity  = "negative"
  resources = [homelab_proxmox_ha_resource.ct1005.sid, homelab_proxmox_ha_resource.ct1006.sid]
  comment   = "one per node"
}
`)
	return b.String()
}

const (
	ha1V1   = "max_restart = 3\nfailback = false\ncomment = \"vault 1\""
	ha1V2   = "state = \"stopped\"\nmax_restart = 2\nmax_relocate = 2"
	rule1V1 = "nodes = { \"pve-s1\" = 2, \"pve-s2\" = 1 }\nstrict = true"
	rule1V2 = "nodes = { \"pve-s1\" = 0, \"pve-s3\" = 5 }\ndisable = true"
)

func TestAccHA_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	const res, rule = "homelab_proxmox_ha_resource.ct1005", "homelab_proxmox_ha_rule.s1"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, p := range []string{"/cluster/ha/resources", "/cluster/ha/rules"} {
				raw, err := e.Call("GET", p, nil)
				if err != nil {
					return err
				}
				if string(raw) != "[]" {
					return fmt.Errorf("%s left after destroy: %s", p, raw)
				}
			}
			return checkNoGuests(e)(nil)
		},
		Steps: []resource.TestStep{
			{ // create: PVE keeps what was sent (not a fixed 1/1)
				Config: haConfig(e, ha1V1, rule1V1),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(res, "id", "ct:1005"),
					resource.TestCheckResourceAttr(res, "state", "started"),
					checkEmu(e, "/cluster/ha/resources/ct:1005", map[string]string{"max_restart": "3", "max_relocate": "1", "failback": "0", "comment": "vault 1", "state": "started"}),
					checkEmu(e, "/cluster/ha/rules/ct1005-on-s1", map[string]string{"nodes": "pve-s1:2,pve-s2:1", "strict": "1", "resources": "ct:1005"}),
					checkEmu(e, "/cluster/ha/rules/apart", map[string]string{"resources": "ct:1005,ct:1006", "affinity": "negative"}),
				),
			},
			{ // in place
				Config: haConfig(e, ha1V2, rule1V2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(rule, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkEmu(e, "/cluster/ha/resources/ct:1005", map[string]string{"state": "stopped", "max_restart": "2", "max_relocate": "2", "failback": "1", "comment": ""}),
					checkEmu(e, "/cluster/ha/rules/ct1005-on-s1", map[string]string{"nodes": "pve-s1,pve-s3:5", "strict": "", "disable": "1"}),
				),
			},
			{RefreshState: true},
			{ResourceName: res, ImportState: true, ImportStateId: "ct:1005", ImportStateVerify: true},
			{ResourceName: "homelab_proxmox_ha_resource.ct1006", ImportState: true, ImportStateId: "ct:1006", ImportStateVerify: true},
			{ResourceName: rule, ImportState: true, ImportStateId: "ct1005-on-s1", ImportStateVerify: true},
			{ResourceName: "homelab_proxmox_ha_rule.apart", ImportState: true, ImportStateId: "apart", ImportStateVerify: true},
			{Config: haConfig(e, ha1V2, rule1V2), ResourceName: rule, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "ct1005-on-s1"},
			{Config: haConfig(e, ha1V2, rule1V2), ResourceName: res, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "ct:1005"},
			{ // out-of-band change: planned back
				PreConfig: func() {
					if _, err := e.Call("PUT", "/cluster/ha/resources/ct:1005", map[string]string{"max_restart": "7", "comment": "by hand"}); err != nil {
						t.Fatal(err)
					}
					if _, err := e.Call("PUT", "/cluster/ha/rules/apart", map[string]string{"type": "resource-affinity", "affinity": "positive"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: haConfig(e, ha1V2, rule1V2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("homelab_proxmox_ha_rule.apart", plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkEmu(e, "/cluster/ha/resources/ct:1005", map[string]string{"max_restart": "2", "comment": ""}),
					checkEmu(e, "/cluster/ha/rules/apart", map[string]string{"affinity": "negative"}),
				),
			},
			{ // out-of-band delete of the rule: created again
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/cluster/ha/rules/ct1005-on-s1", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: haConfig(e, ha1V2, rule1V2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(rule, plancheck.ResourceActionCreate),
				}},
				Check: checkEmu(e, "/cluster/ha/rules/ct1005-on-s1", map[string]string{"nodes": "pve-s1,pve-s3:5"}),
			},
			{ // out-of-band delete of the HA resource (PVE purges it from the rules): all back
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/cluster/ha/resources/ct:1005", nil); err != nil {
						t.Fatal(err)
					}
				},
				Config: haConfig(e, ha1V2, rule1V2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(res, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(rule, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("homelab_proxmox_ha_rule.apart", plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkEmu(e, "/cluster/ha/resources/ct:1005", map[string]string{"state": "stopped"}),
					checkEmu(e, "/cluster/ha/rules/apart", map[string]string{"resources": "ct:1005,ct:1006"}),
				),
			},
			{ // PVE refuses a second (enabled) node affinity rule for the same guest, on resources
				Config: haConfig(e, ha1V2, rule1V2) + `
resource "homelab_proxmox_ha_rule" "ct1006" {
  rule      = "ct1006-on-s2"
  type      = "node-affinity"
  resources = [homelab_proxmox_ha_resource.ct1006.sid]
  nodes     = { "pve-s2" = 1 }
}

resource "homelab_proxmox_ha_rule" "again" {
  rule       = "again"
  type       = "node-affinity"
  resources  = [homelab_proxmox_ha_resource.ct1006.sid]
  nodes      = { "pve-s3" = 1 }
  depends_on = [homelab_proxmox_ha_rule.ct1006]
}
`,
				ExpectError: errRe(`Creating HA rule "again" \(homelab_proxmox_ha_rule\) failed.*resources.*already used in another node affinity rule`),
			},
			{ // a guest already under HA is not taken over
				Config: haConfig(e, ha1V2, rule1V2) + `
resource "homelab_proxmox_ha_resource" "dup" {
  sid = "ct:1006"
}
`,
				ExpectError: errRe(`Creating HA resource "ct:1006" \(homelab_proxmox_ha_resource\) failed.*already an HA resource.*Import`),
			},
		},
	})
}

func TestAccHA_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	for name, tc := range map[string]struct{ typ, body, want string }{
		"bad sid":             {"ha_resource", `sid = "lxc:1005"`, `HA resource id`},
		"bad state":           {"ha_resource", `sid = "ct:1005"` + "\nstate = \"running\"", `state.*value must be one of`},
		"negative restarts":   {"ha_resource", `sid = "ct:1005"` + "\nmax_restart = -1", `max_restart.*at least 0`},
		"node rule no nodes":  {"ha_rule", `rule = "r1"` + "\ntype = \"node-affinity\"\nresources = [\"ct:1005\"]", `Missing nodes`},
		"node rule affinity":  {"ha_rule", `rule = "r1"` + "\ntype = \"node-affinity\"\nresources = [\"ct:1005\"]\nnodes = { \"pve-s1\" = 1 }\naffinity = \"positive\"", `not used by this rule type.*affinity`},
		"affinity with nodes": {"ha_rule", `rule = "r1"` + "\ntype = \"resource-affinity\"\naffinity = \"negative\"\nresources = [\"ct:1005\", \"ct:1006\"]\nnodes = { \"pve-s1\" = 1 }", `not used by this rule type.*nodes`},
		"one resource":        {"ha_rule", `rule = "r1"` + "\ntype = \"resource-affinity\"\naffinity = \"negative\"\nresources = [\"ct:1005\"]", `Too few resources`},
		"bad node name":       {"ha_rule", `rule = "r1"` + "\ntype = \"node-affinity\"\nresources = [\"ct:1005\"]\nnodes = { \"pve_s1\" = 1 }", `nodes.*node name`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
				PlanOnly: true, Config: acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_" + tc.typ + "\" \"bad\" {\n" + tc.body + "\n}\n",
				ExpectError: errRe(tc.want),
			}}})
		})
	}
}
