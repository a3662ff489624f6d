package routeros_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// benchT lets resource.Test drive a benchmark (it takes go-testing-interface's T).
type benchT struct{ *testing.B }

func (benchT) Parallel() {}

// benchConfig is 10*n objects: n in each of 10 menus.
func benchConfig(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `
resource "homelab_routeros_interface_vlan" "v%[1]d" {
  name      = "vlan%[2]d"
  vlan_id   = %[2]d
  interface = "ether2"
}
resource "homelab_routeros_interface_bridge" "b%[1]d" {
  name = "bridge%[1]d"
}
resource "homelab_routeros_interface_bridge_port" "p%[1]d" {
  bridge    = homelab_routeros_interface_bridge.b%[1]d.name
  interface = homelab_routeros_interface_vlan.v%[1]d.name
}
resource "homelab_routeros_ip_address" "a%[1]d" {
  address   = "10.100.%[1]d.1/24"
  interface = homelab_routeros_interface_bridge.b%[1]d.name
}
resource "homelab_routeros_ip_pool" "pool%[1]d" {
  name   = "pool%[1]d"
  ranges = ["10.100.%[1]d.100-10.100.%[1]d.199"]
}
resource "homelab_routeros_ip_dhcp_server_network" "n%[1]d" {
  address = "10.100.%[1]d.0/24"
  gateway = "10.100.%[1]d.1"
}
resource "homelab_routeros_ip_dhcp_server_lease" "l%[1]d" {
  mac_address = "02:00:00:00:01:%02[1]x"
  address     = "10.100.%[1]d.50"
}
resource "homelab_routeros_ip_dns_record" "r%[1]d" {
  name    = "host%[1]d.rachuna-net.pl"
  address = "10.100.%[1]d.10"
}
resource "homelab_routeros_interface_list" "il%[1]d" {
  name = "list%[1]d"
}
resource "homelab_routeros_interface_list_member" "m%[1]d" {
  list      = homelab_routeros_interface_list.il%[1]d.name
  interface = homelab_routeros_interface_bridge.b%[1]d.name
}
`, i, 100+i)
	}
	return b.String()
}

// BenchmarkRefresh500 measures `tofu plan` refreshing 500 objects across 10
// menus against the emulator answering each command after 5 ms. It reports
// the wall time of the plan and the API round trips per menu (target: at most
// 2 prints per menu, whatever the number of objects).
func BenchmarkRefresh500(b *testing.B) {
	e := acctest.RouterOS(b)
	cfg := acctest.ProviderConfig(e.Block()) + benchConfig(50)
	var start time.Time
	var wall time.Duration
	var counters map[string]int
	resource.Test(benchT{b}, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					e.SetLatency(5 * time.Millisecond)
					e.ResetCounters()
					start = time.Now()
				},
				Config: cfg, PlanOnly: true,
			},
			{
				PreConfig: func() {
					wall = time.Since(start)
					counters = e.Counters()
					e.SetLatency(0)
				},
				Config: cfg, PlanOnly: true,
			},
		},
	})
	var keys []string
	maxPerMenu, total := 0, 0
	for k, n := range counters {
		keys = append(keys, fmt.Sprintf("%s=%d", k, n))
		total += n
		if strings.HasSuffix(k, " print") && n > maxPerMenu {
			maxPerMenu = n
		}
	}
	sort.Strings(keys)
	b.Logf("refresh of 500 objects, 5 ms latency: %s wall, %d round trips: %s", wall.Round(time.Millisecond), total, strings.Join(keys, " "))
	b.ReportMetric(float64(wall.Milliseconds()), "ms/plan")
	b.ReportMetric(float64(maxPerMenu), "max-prints/menu")
	b.ReportMetric(float64(total), "roundtrips/plan")
}

// TestAccRefreshOnePrintPerMenu: a refresh costs one print per menu,
// whatever the number of objects, and writes nothing.
func TestAccRefreshOnePrintPerMenu(t *testing.T) {
	e := acctest.RouterOS(t)
	cfg := acctest.ProviderConfig(e.Block()) + benchConfig(5)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{PreConfig: e.ResetCounters, Config: cfg, PlanOnly: true},
			{
				PreConfig: func() {
					menus := 0
					for k, n := range e.Counters() {
						switch {
						case strings.HasSuffix(k, " print"):
							menus++
							if n > 1 {
								t.Errorf("a refresh of 50 objects printed %s %d times", strings.TrimSuffix(k, " print"), n)
							}
						case k != "/login" && !strings.HasPrefix(k, "/login"):
							t.Errorf("a refresh sent %s (%d times)", k, n)
						}
					}
					if menus != 10 {
						t.Errorf("a refresh of 10 menus printed %d menus: %v", menus, e.Counters())
					}
				},
				Config: cfg, PlanOnly: true,
			},
		},
	})
}
