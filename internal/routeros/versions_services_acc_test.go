package routeros_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// The versioned parameters of /snmp and /ipv6/settings: refused at plan time
// on a router too old for them, the rest of the resource working there, and
// taken by a current router.
func TestAccVersionSNMPAndIPv6(t *testing.T) {
	old := acctest.RouterOS(t, onVersion("7.9.2"))
	snmp := func(extra string) string {
		return "resource \"homelab_routeros_snmp\" \"s\" {\n  enabled = true\n" + extra + "}\n"
	}
	ipv6 := func(extra string) string {
		return "resource \"homelab_routeros_ipv6_settings\" \"s\" {\n  accept_redirects = \"no\"\n" + extra + "}\n"
	}
	cfg := acctest.ProviderConfig(old.Block())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg + snmp("  engine_id_suffix = \"r1\"\n"), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)engine_id_suffix.*exists\s+from\s+RouterOS\s+7\.10\s+on;\s+the\s+router\s+runs\s+7\.9\.2`)},
			{Config: cfg + ipv6("  multipath_hash_policy = \"l4\"\n"), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)multipath_hash_policy.*exists\s+from\s+RouterOS\s+7\.16\s+on`)},
			{Config: cfg + snmp("  contact = \"noc@lab.example\"\n") + ipv6("")},
			{Config: cfg + snmp("  contact = \"noc@lab.example\"\n") + ipv6(""), ResourceName: "homelab_routeros_snmp.s", ImportState: true, ImportStateVerify: true},
		},
	})
	current := acctest.RouterOS(t, onVersion("7.19.4"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.ProviderConfig(current.Block()) + snmp("  engine_id_suffix = \"r1\"\n") + ipv6("  multipath_hash_policy = \"l4\"\n  allow_fast_path = false\n"),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("homelab_routeros_snmp.s", "engine_id_suffix", "r1"),
					resource.TestCheckResourceAttr("homelab_routeros_ipv6_settings.s", "multipath_hash_policy", "l4"))},
		},
	})
}
