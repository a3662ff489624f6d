package routeros_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func TestAccSNMP(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_snmp", menu: "/snmp", singleton: true,
		create: `
  enabled  = true
  contact  = "noc@lab.example"
  location = "rack 1"`,
		update: `
  enabled          = true
  contact          = "noc@lab.example"
  location         = "rack 1"
  engine_id_suffix = "router1"
  trap_target      = ["10.10.0.20"]
  trap_version     = 2
  trap_generators  = ["interfaces", "start-trap"]
  trap_interfaces  = ["ether1"]
  src_address      = "10.10.0.1"`,
		afterCreate: map[string]string{"enabled": "true", "contact": "noc@lab.example", "location": "rack 1", "trap-generators": "temp-exception"},
		afterUpdate: map[string]string{"engine-id-suffix": "router1", "trap-target": "10.10.0.20", "trap-version": "2",
			"trap-generators": "interfaces,start-trap", "trap-interfaces": "ether1", "src-address": "10.10.0.1"},
		drift:     []string{"=trap-version=1", "=location=elsewhere"},
		destroyed: map[string]string{"enabled": "false", "contact": "", "trap-version": "1", "trap-generators": "temp-exception", "src-address": "::", "trap-target": ""},
	}.run(t)
}

func TestAccSNMPCommunity(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_snmp_community", menu: "/snmp/community",
		create: `
  name      = "monitoring"
  addresses = ["10.10.0.0/24"]`,
		update: `
  name                    = "monitoring"
  addresses               = ["10.10.0.0/24", "10.255.0.0/24"]
  security                = "private"
  authentication_protocol = "SHA1"
  authentication_password = "auth-Secret-1"
  encryption_protocol     = "AES"
  encryption_password     = "priv-Secret-2"
  comment                 = "prometheus"`,
		find:        map[string]string{"name": "monitoring"},
		afterCreate: map[string]string{"addresses": "10.10.0.0/24", "read-access": "true", "write-access": "false", "security": "none"},
		afterUpdate: map[string]string{"addresses": "10.10.0.0/24,10.255.0.0/24", "security": "private", "authentication-protocol": "SHA1",
			"authentication-password": "auth-Secret-1", "encryption-protocol": "AES", "encryption-password": "priv-Secret-2", "comment": "prometheus"},
		drift:    []string{"=write-access=yes", "=authentication-password=changed-by-hand"},
		importID: "monitoring",
	}.run(t)
}

// TestAccSNMPCommunityBuiltin: the builtin public community is adopted by
// import (here to disable it and narrow its addresses) and given back with
// a removed block: RouterOS does not remove it.
func TestAccSNMPCommunityBuiltin(t *testing.T) {
	e := acctest.RouterOS(t)
	const name = "homelab_routeros_snmp_community.public"
	body := `
resource "homelab_routeros_snmp_community" "public" {
  name      = "public"
  addresses = ["10.10.0.0/24"]
  disabled  = true
}
`
	public := func(want map[string]string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			rows, err := e.Run("/snmp/community/print", "?name=public")
			if err != nil || len(rows) != 1 {
				return fmt.Errorf("public community: %v %v", rows, err)
			}
			return hasValues(rows[0], want)
		}
	}
	cfg := acctest.ProviderConfig(e.Block())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			// Creating it is refused with the import to use.
			{Config: cfg + body, ExpectError: regexp.MustCompile(`already\s+have\s+community\s+with\s+such\s+name(?s).*import`)},
			{Config: cfg + body + `
import {
  to = homelab_routeros_snmp_community.public
  id = "public"
}
`, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)}},
				Check: resource.ComposeAggregateTestCheckFunc(public(map[string]string{"disabled": "true", "addresses": "10.10.0.0/24", "default": "true"}),
					resource.TestCheckResourceAttr(name, "default", "true"))},
			{Config: cfg + `
removed {
  from = homelab_routeros_snmp_community.public
  lifecycle {
    destroy = false
  }
}
`, Check: public(map[string]string{"disabled": "true"})},
		},
	})
}
