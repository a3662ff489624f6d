package routeros_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// MikroTik's default configuration holds rules like these; a router
// configured by hand has its own.
func seedDefconf(t *testing.T, e *acctest.RouterOSEmulator) {
	t.Helper()
	run(t, e, [][]string{
		{"/ip/firewall/nat/add", "=chain=srcnat", "=action=masquerade", "=out-interface=ether1", "=comment=defconf: masquerade"},
		{"/system/identity/set", "=name=router-by-hand"},
	})
	seedInput(t, e)
}

func seedInput(t *testing.T, e *acctest.RouterOSEmulator) {
	t.Helper()
	run(t, e, [][]string{
		{"/ip/firewall/filter/add", "=chain=input", "=action=accept", "=protocol=icmp", "=comment=defconf: accept ICMP"},
		{"/ip/firewall/filter/add", "=chain=input", "=action=drop", "=connection-state=invalid", "=comment=defconf: drop invalid"},
	})
}

func run(t *testing.T, e *acctest.RouterOSEmulator, commands [][]string) {
	t.Helper()
	for _, words := range commands {
		if _, err := e.Run(words...); err != nil {
			t.Fatalf("%v: %v", words, err)
		}
	}
}

const defconfInput = "defconf: accept ICMP,defconf: drop invalid"

// TestAccChainRefusesExistingRules: a chain resource created over a chain
// that already has rules is refused at plan time, with the import to use,
// and the router keeps its rules; the import block plans no change; with
// adopt_existing the rules are replaced; destroy empties only that chain.
func TestAccChainRefusesExistingRules(t *testing.T) {
	e := acctest.RouterOS(t)
	seedDefconf(t, e)
	const name = "homelab_routeros_ip_firewall_filter.input"
	const filter = "/ip/firewall/filter"
	cfg := func(extra, rules string) string {
		return acctest.ProviderConfig(e.Block()) + extra + `
resource "homelab_routeros_ip_firewall_filter" "input" {
  chain = "input"
  rule = [` + rules + `]
}
`
	}
	ssh := `{ action = "accept", protocol = "tcp", dst_port = "22", comment = "ssh" }`
	existing := `{ action = "accept", protocol = "icmp", comment = "defconf: accept ICMP" },
    { action = "drop", connection_state = ["invalid"], comment = "defconf: drop invalid" }`
	importBlock := `
import {
  to = homelab_routeros_ip_firewall_filter.input
  id = "input"
}
`
	unchanged := func() {
		if err := orderIs(e, filter, "input", defconfInput)(nil); err != nil {
			t.Fatal(err)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg("", ssh),
				ExpectError: regexp.MustCompile(`(?s)chain input of\s+/ip/firewall/filter already has 2 rule\(s\).*` +
					`\*1 action=accept protocol=icmp comment="defconf: accept ICMP"\s+\*2 action=drop connection-state=invalid comment="defconf: drop invalid"\s+` +
					`.*import \{\s+to = homelab_routeros_ip_firewall_filter.<name>\s+id = "input"\s+\}.*adopt_existing = true`),
			},
			{
				PreConfig: unchanged,
				Config:    cfg(importBlock, existing),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionNoop)}},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return orderIs(e, filter, "input", defconfInput)(nil) },
					resource.TestCheckResourceAttr(name, "rule.#", "2")),
			},
		},
		CheckDestroy: func(*terraform.State) error { return orderIs(e, filter, "input", "")(nil) },
	})

	// Adopting on purpose replaces the rules; the NAT chain, which no
	// resource owns, is left alone.
	seedInput(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_ip_firewall_filter" "input" {
  chain          = "input"
  adopt_existing = true
  rule = [
    { action = "accept", protocol = "icmp", comment = "defconf: accept ICMP" },
    { action = "accept", protocol = "tcp", dst_port = "22", comment = "ssh" },
  ]
}
`,
			Check: func(*terraform.State) error { return orderIs(e, filter, "input", "defconf: accept ICMP,ssh")(nil) },
		}},
		CheckDestroy: func(*terraform.State) error {
			if err := orderIs(e, filter, "input", "")(nil); err != nil {
				return err
			}
			return orderIs(e, "/ip/firewall/nat", "srcnat", "defconf: masquerade")(nil)
		},
	})
}

// TestAccSingletonRefusesHandSettings: system_identity over a name set by
// hand is refused with the import to use; adopt_existing takes it over.
func TestAccSingletonRefusesHandSettings(t *testing.T) {
	e := acctest.RouterOS(t)
	seedDefconf(t, e)
	identity := func() string {
		rows, err := e.Run("/system/identity/print")
		if err != nil || len(rows) != 1 {
			t.Fatalf("identity: %v %v", rows, err)
		}
		return rows[0]["name"]
	}
	cfg := func(extra string) string {
		return acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_system_identity" "this" {
  name = "router.rachuna-net.pl"
` + extra + `}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg(""),
				ExpectError: regexp.MustCompile(`(?s)/system/identity already holds\s+configuration.*name: "router-by-hand" -> "router.rachuna-net.pl".*` +
					`id = "/system/identity".*adopt_existing = true`),
			},
			{
				PreConfig: func() {
					if got := identity(); got != "router-by-hand" {
						t.Fatalf("refused create changed the identity to %q", got)
					}
				},
				Config: cfg("  adopt_existing = true\n"),
				Check: func(*terraform.State) error {
					if got := identity(); got != "router.rachuna-net.pl" {
						t.Fatalf("identity = %q after adopt", got)
					}
					return nil
				},
			},
		},
	})
}

// TestAccCreateOverLeftoverRowNamesImport: a row left on the router by an
// apply whose state was lost (SIGKILL) makes the create fail with the exact
// import to use, and nothing is added twice.
func TestAccCreateOverLeftoverRowNamesImport(t *testing.T) {
	e := acctest.RouterOS(t)
	run(t, e, [][]string{{"/interface/vlan/add", "=name=vlan10", "=vlan-id=10", "=interface=ether2"}})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_interface_vlan" "vlan10" {
  name      = "vlan10"
  vlan_id   = 10
  interface = "ether2"
}
`,
			ExpectError: regexp.MustCompile(`(?s)already have interface with such name.*not in this state.*` +
				`import \{\s+to = homelab_routeros_interface_vlan.<name>\s+id = "vlan10"\s+\}`),
		}},
	})
	if rows, err := e.Run("/interface/vlan/print"); err != nil || len(rows) != 1 {
		t.Fatalf("vlan rows after the refused create: %v %v", rows, err)
	}
}

// TestAccTwoOwnersRefused: two resources owning one chain or one singleton
// would undo each other on every apply; the plan refuses the second.
func TestAccTwoOwnersRefused(t *testing.T) {
	e := acctest.RouterOS(t)
	before := snapshot(t, e)
	for name, body := range map[string]string{
		"identity": `
resource "homelab_routeros_system_identity" "a" { name = "a" }
resource "homelab_routeros_system_identity" "b" { name = "b" }
`,
		"chain": `
resource "homelab_routeros_ip_firewall_filter" "a" {
  chain = "forward"
  rule  = [{ action = "accept", comment = "from a" }]
}
resource "homelab_routeros_ip_firewall_filter" "b" {
  chain = "forward"
  rule  = [{ action = "drop", comment = "from b" }]
}
`,
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(e.Block()) + body,
					ExpectError: regexp.MustCompile(`(?s)Two resources manage one object.*is\s+already\s+managed\s+by\s+another.*(name = "[ab]"|"from [ab]")`),
				}},
			})
		})
	}
	if after := snapshot(t, e); after != before {
		t.Errorf("router changed:\n%s\n%s", before, after)
	}
	if err := orderIs(e, "/ip/firewall/filter", "forward", "")(nil); err != nil {
		t.Error(err)
	}
}
