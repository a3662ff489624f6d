package routeros

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// benchPrint measures print requests over loopback with inFlight tagged
// commands outstanding on one connection: each a refresh-style read of one
// row by id from a 100-row table.
func benchPrint(b *testing.B, cfg Config, inFlight int) {
	s := start(b, cfg)
	var ids []string
	for i := 1; i <= 100; i++ {
		r := mustRun(b, s, "/interface/vlan/add", "=name=v"+strconv.Itoa(i), "=vlan-id="+strconv.Itoa(i), "=interface=ether1")
		ids = append(ids, r[0]["ret"])
	}
	c := dialRaw(b, s.Addr())
	c.login("admin", "")
	c.c.SetDeadline(time.Time{})
	sem := make(chan struct{}, inFlight)
	errc := make(chan error, 1)
	go func() {
		n := 0
		for n < b.N {
			sen, err := readSentence(c.r)
			if err != nil {
				errc <- err
				return
			}
			switch sen[0] {
			case "!done":
				n++
				<-sem
			case "!trap":
				errc <- fmt.Errorf("trap %q", sen)
				return
			}
		}
		errc <- nil
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sem <- struct{}{}
		if _, err := c.c.Write(appendSentence(nil, []string{"/interface/vlan/print", "?.id=" + ids[i%len(ids)], ".tag=" + strconv.Itoa(i)})); err != nil {
			b.Fatal(err)
		}
	}
	if err := <-errc; err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// BenchmarkPrint10InFlight uses the default minimum service time (5 ms,
// Config.MinServiceTime), which bounds it at 10 / 5 ms = 2000 req/s.
func BenchmarkPrint10InFlight(b *testing.B) { benchPrint(b, Config{}, 10) }

// BenchmarkPrint10InFlightNoDelay measures the emulator itself.
func BenchmarkPrint10InFlightNoDelay(b *testing.B) {
	benchPrint(b, Config{TaggedReplyDelay: -1}, 10)
}

// BenchmarkPrintTable1000 prints a whole 1000-row table in one request, as
// a batched refresh does.
func BenchmarkPrintTable1000(b *testing.B) {
	s := start(b, Config{})
	for i := 1; i <= 1000; i++ {
		mustRun(b, s, "/interface/vlan/add", "=name=v"+strconv.Itoa(i), "=vlan-id="+strconv.Itoa(i%4094+1), "=interface=ether1")
	}
	c := dialRaw(b, s.Addr())
	c.login("admin", "")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r := c.call("/interface/vlan/print"); len(r) != 1001 {
			b.Fatalf("%d sentences", len(r))
		}
	}
}

// BenchmarkGoRouterOSAsync10 is the same refresh-style read through
// go-routeros in async mode, ten goroutines sharing one connection.
func BenchmarkGoRouterOSAsync10(b *testing.B) {
	s := start(b, Config{})
	var ids []string
	for i := 1; i <= 100; i++ {
		ids = append(ids, mustRun(b, s, "/interface/vlan/add", "=name=v"+strconv.Itoa(i), "=vlan-id="+strconv.Itoa(i), "=interface=ether1")[0]["ret"])
	}
	c := dialGo(b, s, true)
	var next atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, 10)
	b.ResetTimer()
	for g := 0; g < 10; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				r, err := c.Run("/interface/vlan/print", "?.id="+ids[i%int64(len(ids))])
				if err == nil && len(r.Re) != 1 {
					err = fmt.Errorf("%d rows", len(r.Re))
				}
				if err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
