package routeros_test

import (
	"fmt"
	"strings"
	"syscall"
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
	benchRefresh(b, 50, []time.Duration{5 * time.Millisecond})
}

// planCost is what one refresh plan cost.
type planCost struct {
	wall, self, tofu time.Duration
	commands         int
	maxPrints        int
}

func cpuTimes() (self, children time.Duration) {
	var s, c syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &s)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &c)
	tv := func(r syscall.Rusage) time.Duration {
		return time.Duration(r.Utime.Nano() + r.Stime.Nano())
	}
	return tv(s), tv(c)
}

// benchRefresh creates 10*n objects once, then plans them at each latency
// and reports each plan's cost.
func benchRefresh(b *testing.B, n int, latencies []time.Duration) {
	e := acctest.RouterOS(b)
	cfg := acctest.ProviderConfig(e.Block()) + benchConfig(n)
	var start time.Time
	var self0, tofu0 time.Duration
	costs := make([]planCost, len(latencies))
	begin := func(lat time.Duration) {
		e.SetLatency(lat)
		e.ResetCounters()
		self0, tofu0 = cpuTimes()
		start = time.Now()
	}
	end := func(i int) {
		wall := time.Since(start)
		self, tofu := cpuTimes()
		c := planCost{wall: wall, self: self - self0, tofu: tofu - tofu0}
		for k, v := range e.Counters() {
			c.commands += v
			if strings.HasSuffix(k, " print") && v > c.maxPrints {
				c.maxPrints = v
			}
		}
		costs[i] = c
		e.SetLatency(0)
	}
	steps := []resource.TestStep{{Config: cfg}}
	for i, lat := range latencies {
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				if i > 0 {
					end(i - 1)
				}
				begin(lat)
			},
			Config: cfg, PlanOnly: true,
		})
	}
	steps = append(steps, resource.TestStep{PreConfig: func() { end(len(latencies) - 1) }, Config: cfg, PlanOnly: true})
	resource.Test(benchT{b}, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
	for i, lat := range latencies {
		c := costs[i]
		b.Logf("refresh of %d objects, %v per reply: %v wall, %d commands (max %d prints per menu), CPU: tofu %v, provider+emulator %v (%.0f%% of tofu's)",
			10*n, lat, c.wall.Round(time.Millisecond), c.commands, c.maxPrints, c.tofu.Round(time.Millisecond), c.self.Round(time.Millisecond),
			100*c.self.Seconds()/max(c.tofu.Seconds(), 0.001))
		suffix := fmt.Sprintf("@%dms", lat.Milliseconds())
		b.ReportMetric(float64(c.wall.Milliseconds()), "ms/plan"+suffix)
		b.ReportMetric(float64(c.commands), "roundtrips/plan"+suffix)
		b.ReportMetric(float64(c.self.Milliseconds()), "provider-cpu-ms"+suffix)
		b.ReportMetric(float64(c.tofu.Milliseconds()), "tofu-cpu-ms"+suffix)
		if len(latencies) == 1 {
			b.ReportMetric(float64(c.maxPrints), "max-prints/menu")
		}
	}
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
