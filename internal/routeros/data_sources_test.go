package routeros_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func TestAccDataSources(t *testing.T) {
	e := acctest.RouterOS(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_interface_bridge" "proxmox" {
  name = "bridge-proxmox"
}
data "homelab_routeros_interfaces" "all" {
  depends_on = [homelab_routeros_interface_bridge.proxmox]
}
data "homelab_routeros_interfaces" "ports" {
  type       = "ether"
  name_regex = "^ether(9|10)$"
}
data "homelab_routeros_interfaces" "bridges" {
  type       = "bridge"
  depends_on = [homelab_routeros_interface_bridge.proxmox]
}
data "homelab_routeros_system_resource" "router" {}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.homelab_routeros_interfaces.all", "interfaces.#", "11"),
				resource.TestCheckResourceAttr("data.homelab_routeros_interfaces.ports", "interfaces.#", "2"),
				resource.TestCheckResourceAttr("data.homelab_routeros_interfaces.ports", "interfaces.0.default_name", "ether9"),
				resource.TestCheckResourceAttr("data.homelab_routeros_interfaces.bridges", "interfaces.#", "1"),
				resource.TestCheckResourceAttr("data.homelab_routeros_interfaces.bridges", "interfaces.0.name", "bridge-proxmox"),
				resource.TestCheckResourceAttrSet("data.homelab_routeros_interfaces.bridges", "interfaces.0.mac_address"),
				resource.TestMatchResourceAttr("data.homelab_routeros_system_resource.router", "version", regexpMust(`^7\.`)),
				resource.TestCheckResourceAttrSet("data.homelab_routeros_system_resource.router", "board_name"),
			),
			// Values are typed by the field's kind, as the resources read them.
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.homelab_routeros_system_resource.router", tfjsonpath.New("cpu_count"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue("data.homelab_routeros_system_resource.router", tfjsonpath.New("total_memory"), knownvalue.Int64Exact(268435456)),
				statecheck.ExpectKnownValue("data.homelab_routeros_interfaces.ports",
					tfjsonpath.New("interfaces").AtSliceIndex(0).AtMapKey("actual_mtu"), knownvalue.Int64Exact(1500)),
				statecheck.ExpectKnownValue("data.homelab_routeros_interfaces.ports",
					tfjsonpath.New("interfaces").AtSliceIndex(0).AtMapKey("disabled"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.homelab_routeros_interfaces.bridges",
					tfjsonpath.New("interfaces").AtSliceIndex(0).AtMapKey("running"), knownvalue.Bool(true)),
			},
		}},
	})
	// A bad regular expression is a plan-time error naming the attribute.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
data "homelab_routeros_interfaces" "bad" {
  name_regex = "^ether("
}
`,
			ExpectError: regexp.MustCompile(`(?s)name_regex.*missing closing \)`),
		}},
	})
}

func regexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }
