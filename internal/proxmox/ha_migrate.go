package proxmox

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Migrating an HA-managed guest. For such a guest PVE's own .../migrate
// only queues a request with the HA stack: its "hamigrate" task ends before
// the guest moves (qemu-server's and pve-container's migrate_vm), so the
// provider would go on changing the config on a node the guest is not on
// yet. Instead it asks the HA manager directly (POST
// /cluster/ha/resources/{sid}/migrate; the CRM moves a VM live, restarts a
// container on the target, moves a stopped guest) and waits until the
// cluster sees the guest on the target with no migration lock. The CRM
// refuses a target where a guest in negative resource affinity runs; the
// answer's blocking-resources name them, and the provider fails at once.

// haManaged reports whether the HA stack manages the guest (an "ignored"
// HA resource does not count: PVE then migrates it directly).
func haManaged(res map[string]any) bool {
	st := str(res["hastate"])
	return st != "" && st != "ignored"
}

// haSID is the HA service id of a guest of kind: "vm:100" or "ct:100".
func (k guestKind) haSID(vmid int64) string {
	if k.kind == "lxc" {
		return "ct:" + strconv.FormatInt(vmid, 10)
	}
	return "vm:" + strconv.FormatInt(vmid, 10)
}

// haMigrate moves the guest through the HA manager when it manages it; it
// reports false (and does nothing) when it does not.
func (k guestKind) haMigrate(ctx context.Context, c *Client, vmid int64, target string) (bool, error) {
	res, err := guestResource(ctx, c, vmid)
	if err != nil || res == nil || !haManaged(res) {
		return false, err
	}
	sid := k.haSID(vmid)
	out, err := c.Post(ctx, "/cluster/ha/resources/"+sid+"/migrate", map[string]any{"node": target})
	if err != nil {
		return true, err
	}
	if m, ok := out.(map[string]any); ok {
		if blocking := blockingSIDs(m["blocking-resources"]); len(blocking) > 0 {
			return true, fmt.Errorf("the HA manager will not move %s to %s: %s on %s must stay apart from it (negative resource affinity)",
				sid, target, strings.Join(blocking, ", "), target)
		}
	}
	return true, waitOnNode(ctx, c, vmid, sid, target)
}

func blockingSIDs(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, b := range list {
		if m, ok := b.(map[string]any); ok {
			out = append(out, str(m["sid"]))
		}
	}
	return out
}

// waitOnNode polls the cluster's guest list until the guest is on target
// and its migration is over, within the provider's task timeout.
func waitOnNode(ctx context.Context, c *Client, vmid int64, sid, target string) error {
	deadline := time.Now().Add(c.timeout)
	interval := c.pollMin
	for {
		c.invalidateResources() // the CRM moves it, not one of our writes
		res, err := guestResource(ctx, c, vmid)
		switch {
		case err != nil:
			return err
		case res == nil:
			return fmt.Errorf("%s disappeared during its HA migration", sid)
		case str(res["hastate"]) == "error":
			return fmt.Errorf("HA resource %s is in the error state after its migration to %s was requested", sid, target)
		case str(res["node"]) == target && str(res["lock"]) != "migrate" && str(res["hastate"]) != "migrate" && str(res["hastate"]) != "relocate":
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s is still not on %s after %s (the provider's proxmox timeout); the HA manager may have refused the move, see its log",
				sid, target, c.timeout)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for the HA migration of %s: %w", sid, ctx.Err())
		case <-time.After(interval):
		}
		interval = min(interval*3/2+time.Millisecond, c.pollMax)
	}
}
