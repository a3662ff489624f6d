package routeros_test

import (
	"fmt"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// BenchmarkProviderCPU measures refresh plans of 500 and 2,000 RouterOS
// objects at 0, 5 and 50 ms per reply, with the provider in a process of
// its own (the real binary, served in debug mode and reattached, as
// OpenTofu runs it): wall time, commands sent, the provider process's CPU
// (from /proc) and tofu's CPU (its rusage), so the two are never mixed
// with each other or with the emulator's and the test harness's.
func BenchmarkProviderCPU(b *testing.B) {
	acctest.SkipUnlessAcc(b)
	for _, n := range []int{50, 200} {
		b.Run(fmt.Sprintf("objects=%d", 10*n), func(b *testing.B) { benchProviderCPU(b, n) })
	}
}

func benchProviderCPU(b *testing.B, n int) {
	e := acctest.RouterOS(b)
	bench := acctest.NewCPUBench(b, acctest.ProviderConfig(e.Block())+benchConfig(n))
	bench.Apply()
	for _, lat := range acctest.Latencies {
		e.SetLatency(lat)
		e.ResetCounters()
		cost := bench.Plan()
		commands := 0
		for _, v := range e.Counters() {
			commands += v
		}
		e.SetLatency(0)
		bench.Report(fmt.Sprintf("refresh plan of %d objects, %v per reply", 10*n, lat), cost, commands, "commands", acctest.At(lat))
	}
}
