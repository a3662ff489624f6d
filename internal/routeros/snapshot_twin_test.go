package routeros_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

const twinConfig = `
resource "homelab_routeros_interface_bridge" "lab" {
  name    = "bridge-lab"
  comment = "twin"
}
resource "homelab_routeros_interface_vlan" "v10" {
  name      = "ether2-vlan-10"
  vlan_id   = 10
  interface = "ether2"
}
resource "homelab_routeros_interface_bridge_port" "p" {
  bridge    = homelab_routeros_interface_bridge.lab.name
  interface = homelab_routeros_interface_vlan.v10.name
}
resource "homelab_routeros_ip_address" "a" {
  address   = "10.10.0.1/24"
  interface = homelab_routeros_interface_bridge.lab.name
}
resource "homelab_routeros_ip_firewall_filter" "input" {
  chain = "input"
  rule = [
    { action = "accept", connection_state = ["established", "related"] },
    { action = "drop", in_interface = "ether1", comment = "wan" },
  ]
}
resource "homelab_routeros_interface_wireguard" "wg" {
  name = "wg-remote"
}
resource "homelab_routeros_user_group" "tf" {
  name   = "terraform"
  policy = ["api", "read", "write"]
}
resource "homelab_routeros_user" "tf" {
  name     = "terraform"
  group    = homelab_routeros_user_group.tf.name
  password = "twin-Secret-9"
}
`

// A snapshot of a router (here an emulator standing in for it) loaded into
// a second emulator is its twin: the same rows with the same ids, so the
// first one's state plans empty against the twin, and a change applies to
// it as to the router. No secret is in the snapshot.
func TestAccSnapshotTwin(t *testing.T) {
	real := acctest.RouterOS(t)
	cfg := acctest.ProviderConfig(real.Block()) + twinConfig
	var snap *routeros.Snapshot
	print := func(e *acctest.RouterOSEmulator) func(string) ([]map[string]string, error) {
		return func(menu string) ([]map[string]string, error) { return e.Run(menu + "/print") }
	}
	var twin *acctest.RouterOSEmulator
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					var err error
					if snap, err = routeros.TakeSnapshot("7.19.4", print(real)); err != nil {
						t.Fatal(err)
					}
					b, _ := json.Marshal(snap)
					wg, _ := real.Run("/interface/wireguard/print")
					for _, secret := range []string{"twin-Secret-9", wg[0]["private-key"]} {
						if strings.Contains(string(b), secret) {
							t.Fatalf("the snapshot holds a secret (%.8s...)", secret)
						}
					}
					// The twin takes the real router's place: same address, so
					// the state and configuration are the real ones.
					addr := real.Addr()
					real.Close()
					twin = acctest.RouterOS(t, func(c *routeros.Config) { c.Snapshot, c.Addr = snap, addr })
				},
				Config: cfg, PlanOnly: true,
			},
			{ // the twin holds the same rows, with the same ids
				PreConfig: func() {
					for menu, rows := range snap.Menus {
						got, err := twin.Run(menu + "/print")
						if err != nil {
							t.Fatalf("%s: %v", menu, err)
						}
						if err := sameRows(rows, got); err != nil {
							t.Errorf("%s: %v", menu, err)
						}
					}
				},
				Config: cfg, PlanOnly: true,
			},
			{ // a change applies to the twin: the new row gets a new id
				Config: cfg + `
resource "homelab_routeros_interface_vlan" "v20" {
  name      = "ether2-vlan-20"
  vlan_id   = 20
  interface = "ether2"
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("homelab_routeros_interface_vlan.v20", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("homelab_routeros_interface_vlan.v10", plancheck.ResourceActionNoop)}},
				Check: func(s *terraform.State) error {
					id := s.RootModule().Resources["homelab_routeros_interface_vlan.v20"].Primary.ID
					for _, r := range snap.Menus["/interface/ethernet"] {
						if r[".id"] == id {
							return fmt.Errorf("the twin reused id %s", id)
						}
					}
					return nil
				},
			},
		},
	})
}

// sameRows compares a snapshot's rows with a print of the twin: same ids in
// the same order, and every configured value the same (computed ones such
// as counters and WireGuard keys may differ).
func sameRows(want, got []map[string]string) error {
	var static []map[string]string
	for _, r := range got {
		if r["dynamic"] != "true" {
			static = append(static, r)
		}
	}
	var wantStatic []map[string]string
	for _, r := range want {
		if r["dynamic"] != "true" {
			wantStatic = append(wantStatic, r)
		}
	}
	if len(static) != len(wantStatic) {
		return fmt.Errorf("%d static rows, want %d", len(static), len(wantStatic))
	}
	for i, w := range wantStatic {
		for _, k := range []string{".id", "name", "comment", "vlan-id", "interface", "bridge", "address", "chain", "action", "group", "policy"} {
			if w[k] != static[i][k] {
				return fmt.Errorf("row %d: %s = %q, want %q", i, k, static[i][k], w[k])
			}
		}
	}
	return nil
}
