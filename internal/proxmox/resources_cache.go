package proxmox

import (
	"context"
	"sync"
	"sync/atomic"
)

// The cluster's guest list (/cluster/resources?type=vm) is what a guest
// Read needs besides the guest's config: the node it runs on now, its
// status and pool. Refreshing N guests used to list the cluster N times;
// the list is now read once per run (the Client lives for one OpenTofu
// command) and shared by every Read, so a refresh costs one listing plus
// one config read per guest.
//
// The provider's own writes make the list stale: every POST, PUT and
// DELETE through the Client, and the end of every task it waited for,
// invalidate it, and the next Read lists again. A listing that was in
// flight while a write happened is used by its caller but not kept.
// Changes made by others during the run are seen by the next run, as with
// every other read.
type resourcesCache struct {
	mu   sync.Mutex // held while listing, so concurrent Reads wait for one listing
	list []map[string]any
	at   uint64        // the generation the list was read in
	gen  atomic.Uint64 // bumped by every write
}

// invalidateResources marks the cached guest list stale.
func (c *Client) invalidateResources() { c.res.gen.Add(1) }

// vmResources returns /cluster/resources?type=vm, listed at most once per
// run between two of the run's writes.
func (c *Client) vmResources(ctx context.Context) ([]map[string]any, error) {
	r := &c.res
	r.mu.Lock()
	defer r.mu.Unlock()
	gen := r.gen.Load()
	if r.list != nil && r.at == gen {
		return r.list, nil
	}
	list, err := c.GetList(ctx, "/cluster/resources?type=vm")
	if err != nil {
		return nil, err
	}
	if list == nil {
		list = []map[string]any{}
	}
	if r.gen.Load() == gen {
		r.list, r.at = list, gen
	}
	return list, nil
}
