package routeros_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	emulator "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

// lifecycle is the standard acceptance test of one resource type: create,
// empty plan after apply (plugin-testing plans after every apply step),
// in-place update, a refresh (the state takes the router's spelling of values
// the configuration spells otherwise, with an empty plan), import by .id and
// by natural key with ImportStateVerify and no ignored attribute, an import
// block whose plan is the import alone, an out-of-band change made on the emulator detected and corrected, an
// out-of-band delete recreated, and destroy verified on the emulator.
type lifecycle struct {
	typ    string // e.g. homelab_routeros_interface_vlan
	menu   string // e.g. /interface/vlan
	deps   string // HCL of the resources the tested one needs
	create string // body of the tested resource at create
	update string // body after the in-place update

	find        map[string]string // device fields identifying the row
	afterCreate map[string]string // device field -> value after create ("" = absent)
	afterUpdate map[string]string // after update (and after each correction)
	drift       []string          // out-of-band set words, e.g. "=vlan-id=99"
	importID    string            // natural-key import ID; "" skips that step
	// unreadable are attributes the router never returns (a password): an
	// import cannot have them, so ImportStateVerify skips them and the
	// import-block step plans importBody, which leaves them out.
	unreadable []string
	importBody string

	singleton bool              // no out-of-band delete, destroy restores
	adopt     bool              // no out-of-band delete, destroy restores
	destroyed map[string]string // singleton/adopt: device values after destroy

	emu []func(*emulator.Config) // emulator settings (a board with PoE, a version)
}

const addr = "test"

func (l lifecycle) config(e *acctest.RouterOSEmulator, body string) string {
	return acctest.ProviderConfig(e.Block()) + l.deps + fmt.Sprintf("\nresource %q %q {\n%s\n}\n", l.typ, addr, body)
}

// row prints the tested row from the emulator (nil if absent).
func (l lifecycle) row(e *acctest.RouterOSEmulator) (map[string]string, error) {
	words := []string{l.menu + "/print"}
	if !l.singleton {
		for k, v := range l.find {
			words = append(words, "?"+k+"="+v)
		}
	}
	rows, err := e.Run(words...)
	if err != nil {
		return nil, err
	}
	switch len(rows) {
	case 0:
		return nil, nil
	case 1:
		return rows[0], nil
	}
	return nil, fmt.Errorf("%d rows of %s match %v: duplicates", len(rows), l.menu, l.find)
}

func (l lifecycle) rowHas(e *acctest.RouterOSEmulator, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		row, err := l.row(e)
		if err != nil {
			return err
		}
		if row == nil {
			return fmt.Errorf("no row of %s matches %v on the emulator", l.menu, l.find)
		}
		return hasValues(row, want)
	}
}

func hasValues(row, want map[string]string) error {
	var bad []string
	for k, v := range want {
		if got, ok := row[k]; got != v || (v == "" && ok) {
			bad = append(bad, fmt.Sprintf("%s=%q (want %q)", k, got, v))
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		return fmt.Errorf("emulator row differs: %s; row: %v", strings.Join(bad, ", "), row)
	}
	return nil
}

func (l lifecycle) run(t *testing.T) {
	t.Helper()
	e := acctest.RouterOS(t, l.emu...)
	name := l.typ + "." + addr
	var id string
	captureID := func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[name]
		if !ok {
			return fmt.Errorf("%s not in state", name)
		}
		id = rs.Primary.ID
		return nil
	}
	c1, c2 := l.config(e, l.create), l.config(e, l.update)
	cImport := c2
	if l.importBody != "" {
		cImport = l.config(e, l.importBody)
	}
	steps := []resource.TestStep{
		{
			Config: c1,
			Check: resource.ComposeAggregateTestCheckFunc(captureID, l.rowHas(e, l.afterCreate),
				resource.TestCheckResourceAttrSet(name, "id")),
		},
		{
			Config: c2,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)}},
			Check: resource.ComposeAggregateTestCheckFunc(captureID, l.rowHas(e, l.afterUpdate)),
		},
		// The configuration may spell a value otherwise than the router
		// (`24h` for `1d`): the refreshed state holds the router's spelling
		// and the plan stays empty.
		{RefreshState: true},
		{Config: c2, ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: l.unreadable},
		// An import block for the same object plans nothing but the import.
		{Config: cImport, ResourceName: name, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
	}
	if l.importID != "" {
		steps = append(steps, resource.TestStep{
			Config: c2, ResourceName: name, ImportState: true, ImportStateVerify: true,
			ImportStateId: l.importID, ImportStateVerifyIgnore: l.unreadable,
		})
	}
	if len(l.drift) > 0 {
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				words := []string{l.menu + "/set"}
				if !l.singleton {
					words = append(words, "=.id="+id)
				}
				if _, err := e.Run(append(words, l.drift...)...); err != nil {
					t.Fatalf("out-of-band change: %v", err)
				}
			},
			Config: c2,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)}},
			Check: l.rowHas(e, l.afterUpdate),
		})
	}
	if !l.singleton && !l.adopt {
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				if _, err := e.Run(l.menu+"/remove", "=.id="+id); err != nil {
					t.Fatalf("out-of-band remove: %v", err)
				}
			},
			Config: c2,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(name, plancheck.ResourceActionCreate)}},
			Check: resource.ComposeAggregateTestCheckFunc(captureID, l.rowHas(e, l.afterUpdate)),
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    steps,
		CheckDestroy: func(*terraform.State) error {
			row, err := l.row(e)
			if err != nil {
				return err
			}
			if l.singleton || l.adopt {
				if row == nil {
					return fmt.Errorf("%s row %v gone after destroy", l.menu, l.find)
				}
				return hasValues(row, l.destroyed)
			}
			if row != nil {
				return fmt.Errorf("%s row still on the emulator after destroy: %v", l.menu, row)
			}
			return nil
		},
	})
}

func TestAccInterfaceVLAN(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_vlan", menu: "/interface/vlan",
		create: `
  name      = "ether2-vlan-vms-internal"
  vlan_id   = 10
  interface = "ether2"
  comment   = "VMS-INTERNAL on pve-s1"`,
		update: `
  name        = "ether2-vlan-vms-internal"
  vlan_id     = 11
  interface   = "ether2"
  mtu         = 1496
  arp_timeout = "24h"`,
		find:        map[string]string{"name": "ether2-vlan-vms-internal"},
		afterCreate: map[string]string{"vlan-id": "10", "interface": "ether2", "comment": "VMS-INTERNAL on pve-s1"},
		afterUpdate: map[string]string{"vlan-id": "11", "mtu": "1496", "arp-timeout": "1d", "comment": ""},
		drift:       []string{"=vlan-id=99", "=mtu=1500"},
		importID:    "ether2-vlan-vms-internal",
	}.run(t)
}
