package vault

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/vault/api"
)

// Client is the provider's Vault client for one run, with the reads that
// many resources of a run repeat kept for the run: a mount's settings and a
// mount's issuer certificates. Refreshing twenty certificates under two
// issuers used to cost a mount read, a certificate read, an issuer list and
// one read per issuer for each of them; with the cache it costs one
// certificate read each plus a few reads per mount.
//
// Every write the run sends (any request but GET, HEAD and LIST) makes the
// whole cache stale, so a run never reads back something it changed from
// the cache. Changes made by others during the run are seen by the next
// run, as with every other read.
type Client struct {
	*api.Client
	reads readCache
}

type readCache struct {
	gen     atomic.Uint64 // bumped by every write
	mounts  cachedByKey[*api.MountOutput]
	issuers cachedByKey[map[string]bool] // trimmed issuer PEMs of a mount
}

// cachedByKey holds one value per key, read at most once per generation;
// callers of a key that is being read wait for that read.
type cachedByKey[V any] struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry[V]
}

type cacheEntry[V any] struct {
	mu  sync.Mutex
	val V
	at  uint64
	ok  bool
}

func (c *cachedByKey[V]) get(ctx context.Context, gen *atomic.Uint64, key string, read func(context.Context) (V, error)) (V, error) {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*cacheEntry[V]{}
	}
	e := c.entries[key]
	if e == nil {
		e = &cacheEntry[V]{}
		c.entries[key] = e
	}
	c.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	g := gen.Load()
	if e.ok && e.at == g {
		return e.val, nil
	}
	v, err := read(ctx)
	if err != nil {
		return v, err
	}
	// A value read while a write happened is used by its caller but not kept.
	if gen.Load() == g {
		e.val, e.at, e.ok = v, g, true
	}
	return v, nil
}

// writeNotifier bumps the cache generation on every request that may change
// Vault. The api client sends LIST as a GET with list=true.
type writeNotifier struct {
	next http.RoundTripper
	gen  *atomic.Uint64
}

func (w writeNotifier) RoundTrip(r *http.Request) (*http.Response, error) {
	switch r.Method {
	case http.MethodGet, http.MethodHead, "LIST":
		return w.next.RoundTrip(r)
	}
	resp, err := w.next.RoundTrip(r)
	w.gen.Add(1) // after the write, so a read racing with it is not kept
	return resp, err
}
