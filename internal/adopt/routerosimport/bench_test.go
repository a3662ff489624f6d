package routerosimport_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt/routerosimport"
	rosemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

// benchExport is an /export of 10*n objects: n in each of 10 menus.
func benchExport(n int) string {
	var b strings.Builder
	menus := []struct {
		path string
		line func(i int) string
	}{
		{"/interface bridge", func(i int) string { return fmt.Sprintf("add name=bridge%d comment=\"bridge %d\"", i, i) }},
		{"/interface vlan", func(i int) string { return fmt.Sprintf("add interface=ether2 name=vlan%d vlan-id=%d", i, 100+i) }},
		{"/interface bridge port", func(i int) string { return fmt.Sprintf("add bridge=bridge%d interface=vlan%d", i, i) }},
		{"/interface list", func(i int) string { return fmt.Sprintf("add name=list%d", i) }},
		{"/interface list member", func(i int) string { return fmt.Sprintf("add interface=bridge%d list=list%d", i, i) }},
		{"/ip address", func(i int) string {
			return fmt.Sprintf("add address=10.%d.%d.1/24 interface=bridge%d", i/250, i%250, i)
		}},
		{"/ip pool", func(i int) string {
			return fmt.Sprintf("add name=pool%d ranges=10.%d.%d.100-10.%d.%d.199", i, i/250, i%250, i/250, i%250)
		}},
		{"/ip dhcp-server network", func(i int) string {
			return fmt.Sprintf("add address=10.%d.%d.0/24 gateway=10.%d.%d.1", i/250, i%250, i/250, i%250)
		}},
		{"/ip dhcp-server lease", func(i int) string {
			return fmt.Sprintf("add address=10.%d.%d.50 mac-address=02:00:00:00:%02X:%02X", i/250, i%250, i/256, i%256)
		}},
		{"/ip dns static", func(i int) string {
			return fmt.Sprintf("add address=10.%d.%d.10 name=host%d.rachuna-net.pl", i/250, i%250, i)
		}},
	}
	for _, m := range menus {
		b.WriteString(m.path + "\n")
		for i := 0; i < n; i++ {
			b.WriteString(m.line(i) + "\n")
		}
	}
	return b.String()
}

// BenchmarkImport2000 reads 2,000 router objects across 10 menus from the
// emulator answering each command after 5 ms, as homelab-import does. It
// reports the wall time of one read and its API round trips (target: one
// print per menu, whatever the number of objects).
func BenchmarkImport2000(b *testing.B) {
	script := benchExport(200)
	e := acctest.RouterOS(b, func(c *rosemu.Config) { c.Seed = script })
	src := routerosimport.New(routerosimport.Config{URL: "api://" + e.Addr(), Username: e.Username, Password: e.Password})
	// Log in first, so the figures are the reads alone.
	if _, err := src.Read(context.Background()); err != nil {
		b.Fatal(err)
	}
	e.SetLatency(5 * time.Millisecond)
	var wall time.Duration
	var counters map[string]int
	var objects int
	b.ResetTimer()
	for range b.N {
		e.ResetCounters()
		start := time.Now()
		res, err := src.Read(context.Background())
		wall = time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		counters = e.Counters()
		objects = len(res.Resources)
	}
	b.StopTimer()
	var keys []string
	total, maxPerMenu := 0, 0
	for k, n := range counters {
		keys = append(keys, fmt.Sprintf("%s=%d", k, n))
		total += n
		if strings.HasSuffix(k, " print") && n > maxPerMenu {
			maxPerMenu = n
		}
	}
	sort.Strings(keys)
	if objects < 2000 {
		b.Errorf("only %d resources read, want 2000", objects)
	}
	b.Logf("import of %d objects, 5 ms latency: %s wall, %d round trips: %s", objects, wall.Round(time.Millisecond), total, strings.Join(keys, " "))
	b.ReportMetric(float64(wall.Milliseconds()), "ms/import")
	b.ReportMetric(float64(total), "roundtrips/import")
	b.ReportMetric(float64(maxPerMenu), "max-prints/menu")
	b.ReportMetric(float64(objects), "objects")
}
