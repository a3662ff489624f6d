package routeros_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

const forwardV1 = `
resource "homelab_routeros_ip_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "accept", connection_state = ["established", "related"], comment = "established" },
    { action = "drop", src_address = "192.168.88.0/24", dst_address = "10.10.30.0/24", comment = "clients-storage" },
    { action = "drop", src_address = "10.10.20.0/24", dst_address = "10.10.0.0/24", comment = "dmz-mgmt" },
  ]
}
`

const forwardV2 = `
resource "homelab_routeros_ip_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "accept", connection_state = ["related", "established"], comment = "established" },
    { action = "drop", connection_state = ["invalid"], comment = "invalid" },
    { action = "drop", src_address = "192.168.88.0/24", dst_address = "10.10.30.0/24", comment = "clients-storage", log = true },
    { action = "reject", src_address = "10.10.20.0/24", dst_address = "10.10.0.0/24", reject_with = "icmp-admin-prohibited", comment = "dmz-mgmt" },
  ]
}
`

// chainOrder is the comments of a chain's static rules in table order.
func chainOrder(e *acctest.RouterOSEmulator, menu, chain string) ([]map[string]string, string, error) {
	rows, err := e.Run(menu+"/print", "?chain="+chain)
	if err != nil {
		return nil, "", err
	}
	var c []string
	for _, r := range rows {
		c = append(c, r["comment"])
	}
	return rows, strings.Join(c, ","), nil
}

func orderIs(e *acctest.RouterOSEmulator, menu, chain, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		_, got, err := chainOrder(e, menu, chain)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("%s chain %s order on the emulator = %s, want %s", menu, chain, got, want)
		}
		return nil
	}
}

func TestAccIPFirewallFilter(t *testing.T) {
	e := acctest.RouterOS(t)
	const name = "homelab_routeros_ip_firewall_filter.forward"
	const menu = "/ip/firewall/filter"
	cfg := func(body string) string { return acctest.ProviderConfig(e.Block()) + body }
	// An input rule of another chain must be left alone.
	if _, err := e.Run(menu+"/add", "=chain=input", "=action=accept", "=protocol=icmp", "=comment=other-chain"); err != nil {
		t.Fatal(err)
	}
	v2 := "established,invalid,clients-storage,dmz-mgmt"
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(forwardV1), Check: resource.ComposeAggregateTestCheckFunc(
				orderIs(e, menu, "forward", "established,clients-storage,dmz-mgmt"),
				resource.TestCheckResourceAttr(name, "rule.#", "3"),
				resource.TestCheckResourceAttrSet(name, "rule.0.id"))},
			{Config: cfg(forwardV2), ConfigPlanChecks: update, Check: orderIs(e, menu, "forward", v2)},
			{Config: cfg(forwardV2), ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateId: "forward"},
			{ // A reorder on the router is drift; apply restores the order.
				PreConfig: func() {
					rows, _, _ := chainOrder(e, menu, "forward")
					if _, err := e.Run(menu+"/move", "=numbers="+rows[3][".id"], "=destination="+rows[0][".id"]); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(forwardV2), ConfigPlanChecks: update, Check: orderIs(e, menu, "forward", v2),
			},
			{ // A rule added by hand to the chain is removed.
				PreConfig: func() {
					if _, err := e.Run(menu+"/add", "=chain=forward", "=action=accept", "=comment=by-hand"); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(forwardV2), ConfigPlanChecks: update, Check: orderIs(e, menu, "forward", v2),
			},
			{ // A rule changed and another removed by hand are restored.
				PreConfig: func() {
					rows, _, _ := chainOrder(e, menu, "forward")
					if _, err := e.Run(menu+"/set", "=.id="+rows[2][".id"], "=action=accept"); err != nil {
						t.Fatal(err)
					}
					if _, err := e.Run(menu+"/remove", "=.id="+rows[1][".id"]); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(forwardV2), ConfigPlanChecks: update, Check: resource.ComposeAggregateTestCheckFunc(
					orderIs(e, menu, "forward", v2),
					func(*terraform.State) error {
						rows, _, _ := chainOrder(e, menu, "forward")
						return hasValues(rows[2], map[string]string{"action": "drop", "log": "true"})
					}),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if err := orderIs(e, menu, "forward", "")(nil); err != nil {
				return err
			}
			return orderIs(e, menu, "input", "other-chain")(nil)
		},
	})
}

func TestAccIPFirewallNAT(t *testing.T) {
	e := acctest.RouterOS(t)
	const name = "homelab_routeros_ip_firewall_nat.srcnat"
	const menu = "/ip/firewall/nat"
	cfg := func(rules string) string {
		return acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_ip_firewall_nat" "srcnat" {
  chain = "srcnat"
  rule = [` + rules + `]
}
`
	}
	v1 := `{ action = "masquerade", out_interface = "ether1", comment = "wan" }`
	v2 := `{ action = "src-nat", src_address = "10.10.30.0/24", out_interface = "ether1", to_addresses = "203.0.113.10", comment = "storage" },
    { action = "masquerade", out_interface = "ether1", comment = "wan" }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(v1), Check: orderIs(e, menu, "srcnat", "wan")},
			{Config: cfg(v2), Check: orderIs(e, menu, "srcnat", "storage,wan")},
			{Config: cfg(v2), ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateId: "srcnat"},
			{ // A reorder on the router (the first rule moved to the end) is drift; apply restores the order.
				PreConfig: func() {
					rows, _, err := chainOrder(e, menu, "srcnat")
					if err != nil || len(rows) != 2 {
						t.Fatalf("srcnat rows %v: %v", rows, err)
					}
					if _, err := e.Run(menu+"/move", "=numbers="+rows[0][".id"]); err != nil {
						t.Fatal(err)
					}
					if err := orderIs(e, menu, "srcnat", "wan,storage")(nil); err != nil {
						t.Fatalf("the out-of-band move did not happen: %v", err)
					}
				},
				Config: cfg(v2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)}},
				Check: orderIs(e, menu, "srcnat", "storage,wan"),
			},
		},
		CheckDestroy: func(*terraform.State) error { return orderIs(e, menu, "srcnat", "")(nil) },
	})
}

// TestAccChainRemovesInOneCommand: the rules a chain no longer has are
// removed with one command, on update and on destroy.
func TestAccChainRemovesInOneCommand(t *testing.T) {
	e := acctest.RouterOS(t)
	const menu = "/ip/firewall/filter"
	cfg := func(body string) string { return acctest.ProviderConfig(e.Block()) + body }
	removes := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if got := e.Counters()[menu+" remove"]; got != want {
				return fmt.Errorf("%d remove commands, want %d", got, want)
			}
			return nil
		}
	}
	one := `
resource "homelab_routeros_ip_firewall_filter" "forward" {
  chain = "forward"
  rule  = [{ action = "accept", connection_state = ["established", "related"], comment = "established" }]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(forwardV2)},
			{PreConfig: e.ResetCounters, Config: cfg(one), Check: resource.ComposeAggregateTestCheckFunc(
				removes(1), orderIs(e, menu, "forward", "established"))},
			{Config: cfg(forwardV2), Check: orderIs(e, menu, "forward", "established,invalid,clients-storage,dmz-mgmt")},
			{PreConfig: e.ResetCounters, Config: cfg(forwardV2), Destroy: true},
		},
		CheckDestroy: func(*terraform.State) error {
			if err := removes(1)(nil); err != nil {
				return err
			}
			return orderIs(e, menu, "forward", "")(nil)
		},
	})
}

// TestAccFirewallPortAndHWOffload: `port` (either direction) and a
// fasttrack rule's `hw-offload` apply, plan empty and import as they are.
func TestAccFirewallPortAndHWOffload(t *testing.T) {
	e := acctest.RouterOS(t)
	const name = "homelab_routeros_ip_firewall_filter.forward"
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_ip_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "fasttrack-connection", connection_state = ["established", "related"], hw_offload = true, comment = "fasttrack" },
    { action = "accept", protocol = "tcp", port = "80,443", comment = "web" },
  ]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(*terraform.State) error {
				rows, _, err := chainOrder(e, "/ip/firewall/filter", "forward")
				if err != nil {
					return err
				}
				if err := hasValues(rows[0], map[string]string{"hw-offload": "true"}); err != nil {
					return err
				}
				return hasValues(rows[1], map[string]string{"port": "80,443"})
			}},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
			{Config: cfg, ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateId: "forward"},
		},
	})
}
