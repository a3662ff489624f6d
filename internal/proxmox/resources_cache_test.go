package proxmox

import (
	"context"
	"sync"
	"testing"
)

// TestResourcesCache: concurrent guest lookups share one listing; a write
// through the client makes the next lookup list again.
func TestResourcesCache(t *testing.T) {
	s := startEmu(t)
	c := tokenClient(t, s)
	ctx := context.Background()
	if _, err := c.Post(ctx, "/pools", map[string]any{"poolid": "bench"}); err != nil {
		t.Fatal(err)
	}
	s.ResetCounters()
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := guestResource(ctx, c, 100); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := s.Counters()["GET /cluster/resources"]; n != 1 {
		t.Fatalf("10 concurrent lookups listed the cluster %d times, want once", n)
	}
	if _, err := c.Put(ctx, "/pools", map[string]any{"poolid": "bench", "comment": "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := guestResource(ctx, c, 100); err != nil {
		t.Fatal(err)
	}
	if _, err := guestResource(ctx, c, 101); err != nil {
		t.Fatal(err)
	}
	if n := s.Counters()["GET /cluster/resources"]; n != 2 {
		t.Fatalf("after a write: %d listings, want 2", n)
	}
}
