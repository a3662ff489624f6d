package routeros_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

func onVersion(v string) func(*routeros.Config) { return func(c *routeros.Config) { c.Version = v } }

// On a router older than a parameter, configuring it fails at plan time
// naming the attribute and both versions; the rest of the resource works.
// The same configuration with the parameter works on a newer router.
func TestAccVersionTooOldForParameter(t *testing.T) {
	vlan := func(extra string) string {
		return `
resource "homelab_routeros_interface_vlan" "v" {
  name      = "ether2-vlan-10"
  vlan_id   = 10
  interface = "ether2"` + extra + `
}
`
	}
	old := acctest.RouterOS(t, onVersion("7.12.1"))
	const name = "homelab_routeros_interface_vlan.v"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderConfig(old.Block()) + vlan("\n  mvrp = true"), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)mvrp.*exists\s+from\s+RouterOS\s+7\.15\s+on;\s+the\s+router\s+runs\s+7\.12\.1`)},
			{Config: acctest.ProviderConfig(old.Block()) + vlan("\n  comment = \"mgmt\"")},
			{RefreshState: true},
			{Config: acctest.ProviderConfig(old.Block()) + vlan("\n  comment = \"mgmt\""), ResourceName: name, ImportState: true, ImportStateVerify: true},
			// A versioned computed field left out (a peer's name, 7.15+) is no refusal.
			{Config: acctest.ProviderConfig(old.Block()) + vlan("\n  comment = \"mgmt\"") + `
resource "homelab_routeros_interface_wireguard" "wg" {
  name = "wg-remote"
}
resource "homelab_routeros_interface_wireguard_peer" "p" {
  interface       = homelab_routeros_interface_wireguard.wg.name
  public_key      = "` + wgPeerKey + `"
  allowed_address = ["10.255.0.2/32"]
}
`},
		},
	})
	current := acctest.RouterOS(t, onVersion("7.19.4"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderConfig(current.Block()) + vlan("\n  mvrp = true"),
				Check: resource.TestCheckResourceAttr(name, "mvrp", "true")},
		},
	})
}

// A renamed parameter: the router of the older version is sent, and prints,
// its old name; the attribute is the same and plans clean.
func TestAccVersionRenamedParameter(t *testing.T) {
	e := acctest.RouterOS(t, onVersion("7.0.5"))
	const name = "homelab_routeros_ip_dhcp_server.d"
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_ip_dhcp_server" "d" {
  name           = "dhcp-mgmt"
  interface      = "ether2"
  server_address = "10.10.0.1"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg, Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(name, "server_address", "10.10.0.1"),
				func(*terraform.State) error {
					rows, err := e.Run("/ip/dhcp-server/print", "?name=dhcp-mgmt")
					if err != nil || len(rows) != 1 {
						t.Fatalf("rows %v: %v", rows, err)
					}
					return hasValues(rows[0], map[string]string{"src-address": "10.10.0.1", "server-address": ""})
				})},
			{RefreshState: true, Check: resource.TestCheckResourceAttr(name, "server_address", "10.10.0.1")},
			{Config: cfg, ResourceName: name, ImportState: true, ImportStateVerify: true},
			{Config: cfg, ResourceName: name, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}
