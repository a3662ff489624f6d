package routeros_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func TestAccIPRoute(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_route", menu: "/ip/route",
		create: `
  dst_address = "10.30.0.0/16"
  gateway     = "10.10.0.254"
  comment     = "storage network behind the NAS router"`,
		update: `
  dst_address   = "10.30.0.0/16"
  gateway       = "10.10.0.254"
  distance      = 20
  check_gateway = "ping"
  target_scope  = 11`,
		find:        map[string]string{"dst-address": "10.30.0.0/16", "dynamic": "false"},
		afterCreate: map[string]string{"gateway": "10.10.0.254", "distance": "1", "routing-table": "main", "comment": "storage network behind the NAS router"},
		afterUpdate: map[string]string{"distance": "20", "check-gateway": "ping", "target-scope": "11", "comment": ""},
		drift:       []string{"=distance=5", "=check-gateway=arp"},
		importID:    "dst_address=10.30.0.0/16,gateway=10.10.0.254",
	}.run(t)
}

func TestAccIPDHCPClient(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_client", menu: "/ip/dhcp-client",
		create: `
  interface = "ether1"
  comment   = "WAN"`,
		update: `
  interface              = "ether1"
  add_default_route      = "special-classless"
  default_route_distance = 5
  use_peer_dns           = false
  dhcp_options           = ["clientid", "hostname"]`,
		find:        map[string]string{"interface": "ether1"},
		afterCreate: map[string]string{"comment": "WAN", "use-peer-dns": "true", "status": "searching..."},
		afterUpdate: map[string]string{"add-default-route": "special-classless", "default-route-distance": "5", "use-peer-dns": "false", "dhcp-options": "clientid,hostname", "comment": ""},
		drift:       []string{"=use-peer-dns=yes"},
		importID:    "ether1",
	}.run(t)
}

func TestAccIPFirewallAddressList(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_firewall_address_list", menu: "/ip/firewall/address-list",
		create: `
  list    = "mgmt"
  address = "10.10.0.0/24"
  comment = "Proxmox management"`,
		update: `
  list     = "mgmt"
  address  = "10.10.0.0/24"
  disabled = true`,
		find:        map[string]string{"list": "mgmt", "address": "10.10.0.0/24"},
		afterCreate: map[string]string{"comment": "Proxmox management", "dynamic": "false"},
		afterUpdate: map[string]string{"disabled": "true", "comment": ""},
		drift:       []string{"=disabled=no"},
		importID:    "list=mgmt,address=10.10.0.0/24",
	}.run(t)
}

// An entry with a timeout counts down on the router: the time left is not
// drift, a re-plan is empty, and an import of it plans nothing.
func TestAccIPFirewallAddressListTimeout(t *testing.T) {
	e := acctest.RouterOS(t)
	const name = "homelab_routeros_ip_firewall_address_list.ban"
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_ip_firewall_address_list" "ban" {
  list    = "blocked"
  address = "203.0.113.7"
  timeout = "1d"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(name, "timeout", "1d"),
				func(*terraform.State) error {
					rows, err := e.Run("/ip/firewall/address-list/print", "?list=blocked")
					if err != nil || len(rows) != 1 {
						t.Fatalf("rows %v: %v", rows, err)
					}
					return hasValues(rows[0], map[string]string{"dynamic": "true"})
				})},
			{RefreshState: true, Check: resource.TestCheckResourceAttr(name, "timeout", "1d")},
			{Config: cfg, ResourceName: name, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

// mangle and raw are ordered chains like filter and NAT: create, the order
// kept, an import by chain name, a reorder on the router undone, destroy.
func TestAccIPFirewallMangleAndRaw(t *testing.T) {
	e := acctest.RouterOS(t)
	cfg := func(mangle, raw string) string {
		return acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_ip_firewall_mangle" "prerouting" {
  chain = "prerouting"
  rule = [` + mangle + `]
}
resource "homelab_routeros_ip_firewall_raw" "prerouting" {
  chain = "prerouting"
  rule = [` + raw + `]
}
`
	}
	m1 := `
    { action = "mark-connection", new_connection_mark = "wan2", in_interface = "ether2", connection_state = ["new"], comment = "wan2-conn" },
    { action = "mark-routing", new_routing_mark = "via-wan2", connection_mark = "wan2", passthrough = false, comment = "wan2-route" },`
	m2 := m1 + `
    { action = "change-mss", new_mss = "clamp-to-pmtu", protocol = "tcp", tcp_flags = "syn", comment = "mss" },`
	r1 := `
    { action = "drop", src_address_list = "blocked", comment = "blocked" },
    { action = "notrack", dst_address = "10.10.30.0/24", src_address = "10.10.0.0/24", comment = "storage" },`
	const mangle, raw = "homelab_routeros_ip_firewall_mangle.prerouting", "homelab_routeros_ip_firewall_raw.prerouting"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg(m1, r1), Check: resource.ComposeAggregateTestCheckFunc(
				orderIs(e, "/ip/firewall/mangle", "prerouting", "wan2-conn,wan2-route"),
				orderIs(e, "/ip/firewall/raw", "prerouting", "blocked,storage"))},
			{ // a marking action without its mark fails at plan time
				Config:      cfg(`{ action = "mark-packet", comment = "x" },`, r1),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`rule\[0\]\.new_packet_mark[\s\S]*action\s+"mark-packet"\s+needs\s+new_packet_mark`),
			},
			{ // ports without a port protocol fail at plan time
				Config:      cfg(m2, `{ action = "drop", dst_port = "53", comment = "x" },`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`dst_port\s+needs\s+protocol\s+tcp`),
			},
			{Config: cfg(m2, r1), ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(mangle, plancheck.ResourceActionUpdate),
				plancheck.ExpectResourceAction(raw, plancheck.ResourceActionNoop)}},
				Check: orderIs(e, "/ip/firewall/mangle", "prerouting", "wan2-conn,wan2-route,mss")},
			{RefreshState: true},
			{Config: cfg(m2, r1), ResourceName: mangle, ImportState: true, ImportStateVerify: true, ImportStateId: "prerouting"},
			{Config: cfg(m2, r1), ResourceName: raw, ImportState: true, ImportStateVerify: true, ImportStateId: "prerouting"},
			{Config: cfg(m2, r1), ResourceName: raw, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "prerouting"},
			{ // a reorder and a removal on the router are drift, undone by apply
				PreConfig: func() {
					rows, _, _ := chainOrder(e, "/ip/firewall/raw", "prerouting")
					if _, err := e.Run("/ip/firewall/raw/move", "=numbers="+rows[1][".id"], "=destination="+rows[0][".id"]); err != nil {
						t.Fatal(err)
					}
					rows, _, _ = chainOrder(e, "/ip/firewall/mangle", "prerouting")
					if _, err := e.Run("/ip/firewall/mangle/remove", "=.id="+rows[2][".id"]); err != nil {
						t.Fatal(err)
					}
				},
				Config: cfg(m2, r1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(mangle, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(raw, plancheck.ResourceActionUpdate)}},
				Check: resource.ComposeAggregateTestCheckFunc(
					orderIs(e, "/ip/firewall/mangle", "prerouting", "wan2-conn,wan2-route,mss"),
					orderIs(e, "/ip/firewall/raw", "prerouting", "blocked,storage")),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if err := orderIs(e, "/ip/firewall/mangle", "prerouting", "")(nil); err != nil {
				return err
			}
			return orderIs(e, "/ip/firewall/raw", "prerouting", "")(nil)
		},
	})
}
