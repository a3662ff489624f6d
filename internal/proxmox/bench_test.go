package proxmox_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	tt "github.com/mitchellh/go-testing-interface"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// benchT lets resource.Test drive a benchmark (it takes go-testing-interface's T).
type benchT struct{ *testing.B }

func (benchT) Parallel() {}

var benchNodes = []string{"pve-s1", "pve-s2", "pve-s3"}

// guestsConfig is n containers spread over the three nodes.
func guestsConfig(e *acctest.ProxmoxEmulator, n int) string {
	var b strings.Builder
	b.WriteString(acctest.ProviderConfig(e.Block()))
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `
resource "homelab_proxmox_lxc" "ct%[1]d" {
  node       = %[2]q
  vmid       = %[3]d
  hostname   = "bench%[1]d"
  ostemplate = %[4]q
  rootfs     = { storage = "local-lvm", size = "1G" }
}
`, i, benchNodes[i%len(benchNodes)], 3000+i, ostemplate)
	}
	return b.String()
}

// refreshCost is what one refresh plan cost on the emulator.
type refreshCost struct {
	wall     time.Duration
	requests int
	listings int // GET /cluster/resources
}

// measureRefresh creates n guests, then plans them (a refresh of every
// guest) with latency per request, and returns what the plan cost.
func measureRefresh(t testing.TB, rt tt.T, e *acctest.ProxmoxEmulator, n int, latency time.Duration) refreshCost {
	for _, node := range benchNodes {
		if _, err := e.Call("POST", "/nodes/"+node+"/aplinfo", map[string]string{"storage": "local", "template": tmplFile}); err != nil {
			t.Fatal(err)
		}
	}
	cfg := guestsConfig(e, n)
	var start time.Time
	var cost refreshCost
	resource.Test(rt, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					e.SetLatency(latency)
					e.ResetCounters()
					start = time.Now()
				},
				Config: cfg, PlanOnly: true,
			},
			{
				PreConfig: func() {
					cost.wall = time.Since(start)
					for k, v := range e.Counters() {
						cost.requests += v
						if k == "GET /cluster/resources" {
							cost.listings += v
						}
					}
					e.SetLatency(0)
				},
				Config: cfg, PlanOnly: true,
			},
		},
	})
	return cost
}

// BenchmarkRefreshGuests measures `tofu plan` refreshing 50 containers on
// 3 nodes against the emulator answering each request after 5 ms: the
// plan's wall time and the API requests per guest (target: at most 2, one
// config read each plus one cluster listing per run).
func BenchmarkRefreshGuests(b *testing.B) {
	const n = 50
	e := acctest.Proxmox(b)
	c := measureRefresh(b, benchT{b}, e, n, 5*time.Millisecond)
	b.Logf("refresh of %d guests on %d nodes, 5ms per request: %v wall, %d requests (%.2f per guest), %d cluster listings",
		n, len(benchNodes), c.wall.Round(time.Millisecond), c.requests, float64(c.requests)/n, c.listings)
	b.ReportMetric(float64(c.wall.Milliseconds()), "ms/refresh")
	b.ReportMetric(float64(c.requests)/n, "requests/guest")
	b.ReportMetric(float64(c.listings), "listings/refresh")
}

// TestAccRefreshGuestsCost: refreshing guests lists the cluster once per
// run, then reads each guest's config: at most 2 requests per guest.
func TestAccRefreshGuestsCost(t *testing.T) {
	const n = 6
	e := acctest.Proxmox(t)
	c := measureRefresh(t, t, e, n, 0)
	if c.listings != 1 {
		t.Errorf("a refresh of %d guests listed /cluster/resources %d times, want once", n, c.listings)
	}
	if perGuest := float64(c.requests) / n; perGuest > 2 {
		t.Errorf("a refresh cost %.2f requests per guest (%d in all), want at most 2", perGuest, c.requests)
	}
}

// BenchmarkProviderCPU measures refresh plans of 50 containers on 3 nodes at
// 0, 5 and 50 ms per request with the provider in a process of its own:
// wall time, requests, the provider's CPU and tofu's (acctest.CPUBench).
func BenchmarkProviderCPU(b *testing.B) {
	const n = 50
	e := acctest.Proxmox(b)
	for _, node := range benchNodes {
		if _, err := e.Call("POST", "/nodes/"+node+"/aplinfo", map[string]string{"storage": "local", "template": tmplFile}); err != nil {
			b.Fatal(err)
		}
	}
	bench := acctest.NewCPUBench(b, guestsConfig(e, n))
	bench.Apply()
	for _, lat := range acctest.Latencies {
		e.SetLatency(lat)
		e.ResetCounters()
		cost := bench.Plan()
		requests := 0
		for _, v := range e.Counters() {
			requests += v
		}
		e.SetLatency(0)
		bench.Report(fmt.Sprintf("refresh plan of %d guests on %d nodes, %v per request", n, len(benchNodes), lat),
			cost, requests, "requests", acctest.At(lat))
	}
}
