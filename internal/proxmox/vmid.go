package proxmox

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// reserveID returns a free VMID that no other create in this process holds,
// asking PVE's /cluster/nextid; release it once the guest exists (or the
// create failed). PVE does not reserve ids itself, so without this, parallel
// creates would all receive the same "next" id.
func (c *Client) reserveID(ctx context.Context) (int, error) {
	c.idMu.Lock()
	defer c.idMu.Unlock()
	d, err := c.Get(ctx, "/cluster/nextid")
	if err != nil {
		return 0, err
	}
	id, ok := toInt(d)
	if !ok {
		return 0, fmt.Errorf("GET /cluster/nextid: unexpected answer %v", d)
	}
	for c.reserved[id] {
		// PVE does not know about our in-flight creates: ask from the next id
		// on, skipping ids PVE reports as taken (400 "VM N already exists").
		id++
		for {
			d, err := c.Get(ctx, "/cluster/nextid?vmid="+strconv.Itoa(id))
			if err == nil {
				if n, ok := toInt(d); ok {
					id = n
				}
				break
			}
			var e *APIError
			if !errors.As(err, &e) || e.Status != http.StatusBadRequest {
				return 0, err
			}
			id++
		}
	}
	c.reserved[id] = true
	return id, nil
}

func (c *Client) releaseID(id int) {
	c.idMu.Lock()
	delete(c.reserved, id)
	c.idMu.Unlock()
}
