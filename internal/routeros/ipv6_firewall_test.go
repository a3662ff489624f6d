package routeros_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// TestAccIPv6FirewallAddressList: the configuration spells the prefix
// uncompressed and upper-case; the router's compressed spelling is no diff.
func TestAccIPv6FirewallAddressList(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_firewall_address_list", menu: "/ipv6/firewall/address-list",
		create: `
  list    = "mgmt"
  address = "2001:DB8:10:0::/64"`,
		update: `
  list    = "mgmt"
  address = "2001:DB8:10:0::/64"
  comment = "management network"
  disabled = true`,
		find:        map[string]string{"list": "mgmt", "address": "2001:db8:10::/64"},
		afterCreate: map[string]string{"disabled": "false", "comment": ""},
		afterUpdate: map[string]string{"disabled": "true", "comment": "management network"},
		drift:       []string{"=disabled=no", "=comment=by hand"},
		importID:    "list=mgmt,address=2001:db8:10::/64",
	}.run(t)
}

const ipv6ForwardV1 = `
resource "homelab_routeros_ipv6_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "accept", connection_state = ["established", "related"], comment = "established" },
    { action = "accept", protocol = "icmpv6", comment = "icmpv6" },
    { action = "drop", src_address = "2001:DB8:20::/64", dst_address = "2001:db8:0:0::/64", comment = "dmz-mgmt" },
  ]
}
`

const ipv6ForwardV2 = `
resource "homelab_routeros_ipv6_firewall_filter" "forward" {
  chain = "forward"
  rule = [
    { action = "accept", connection_state = ["related", "established"], comment = "established" },
    { action = "drop", connection_state = ["invalid"], comment = "invalid" },
    { action = "accept", protocol = "icmpv6", icmp_options = "128:0", comment = "icmpv6" },
    { action = "accept", protocol = "tcp", dst_port = "22", in_interface_list = "all", src_address_list = "mgmt", log = true, log_prefix = "ssh6", comment = "ssh" },
    { action = "reject", src_address = "2001:DB8:20::/64", dst_address = "!2001:db8:30::/64", out_interface = "ether2", reject_with = "icmp-admin-prohibited", comment = "dmz-mgmt" },
    { action = "drop", disabled = true, comment = "off" },
  ]
}
`

func TestAccIPv6FirewallFilter(t *testing.T) {
	e := acctest.RouterOS(t)
	const name = "homelab_routeros_ipv6_firewall_filter.forward"
	const menu = "/ipv6/firewall/filter"
	cfg := func(body string) string { return acctest.ProviderConfig(e.Block()) + body }
	// A rule of another chain, and the IPv4 forward chain, are left alone.
	if _, err := e.Run(menu+"/add", "=chain=input", "=action=accept", "=protocol=icmpv6", "=comment=other-chain"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Run("/ip/firewall/filter/add", "=chain=forward", "=action=accept", "=comment=ipv4"); err != nil {
		t.Fatal(err)
	}
	v2 := "established,invalid,icmpv6,ssh,dmz-mgmt,off"
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(ipv6ForwardV1), Check: resource.ComposeAggregateTestCheckFunc(
				orderIs(e, menu, "forward", "established,icmpv6,dmz-mgmt"),
				func(*terraform.State) error {
					rows, _, _ := chainOrder(e, menu, "forward")
					return hasValues(rows[2], map[string]string{"src-address": "2001:db8:20::/64", "dst-address": "2001:db8::/64"})
				},
				resource.TestCheckResourceAttr(name, "rule.#", "3"))},
			{Config: cfg(ipv6ForwardV2), ConfigPlanChecks: update, Check: resource.ComposeAggregateTestCheckFunc(
				orderIs(e, menu, "forward", v2),
				func(*terraform.State) error {
					rows, _, _ := chainOrder(e, menu, "forward")
					return hasValues(rows[4], map[string]string{"action": "reject", "reject-with": "icmp-admin-prohibited",
						"dst-address": "!2001:db8:30::/64", "out-interface": "ether2"})
				})},
			{RefreshState: true},
			{Config: cfg(ipv6ForwardV2), ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateId: "forward"},
			{Config: cfg(ipv6ForwardV2), ResourceName: name, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "forward"},
			{ // A rule changed by hand is drift; apply restores it.
				PreConfig: func() {
					rows, _, _ := chainOrder(e, menu, "forward")
					if _, err := e.Run(menu+"/set", "=.id="+rows[4][".id"], "=action=accept", "=!reject-with="); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(ipv6ForwardV2), ConfigPlanChecks: update, Check: resource.ComposeAggregateTestCheckFunc(
					orderIs(e, menu, "forward", v2),
					func(*terraform.State) error {
						rows, _, _ := chainOrder(e, menu, "forward")
						return hasValues(rows[4], map[string]string{"action": "reject", "reject-with": "icmp-admin-prohibited"})
					}),
			},
			{ // A reorder on the router is drift; apply restores the order.
				PreConfig: func() {
					rows, _, _ := chainOrder(e, menu, "forward")
					if _, err := e.Run(menu+"/move", "=numbers="+rows[3][".id"], "=destination="+rows[0][".id"]); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(ipv6ForwardV2), ConfigPlanChecks: update, Check: orderIs(e, menu, "forward", v2),
			},
			{ // The chain's rules removed by hand are written again.
				PreConfig: func() {
					rows, _, _ := chainOrder(e, menu, "forward")
					for _, r := range rows {
						if _, err := e.Run(menu+"/remove", "=.id="+r[".id"]); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: cfg(ipv6ForwardV2), ConfigPlanChecks: update, Check: orderIs(e, menu, "forward", v2),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if err := orderIs(e, menu, "forward", "")(nil); err != nil {
				return err
			}
			if err := orderIs(e, "/ip/firewall/filter", "forward", "ipv4")(nil); err != nil {
				return err
			}
			return orderIs(e, menu, "input", "other-chain")(nil)
		},
	})
}
