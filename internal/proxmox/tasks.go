package proxmox

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// PostTask, PutTask and DeleteTask make the call and wait for its task.
func (c *Client) PostTask(ctx context.Context, path string, params map[string]any) error {
	d, err := c.Post(ctx, path, params)
	if err != nil {
		return err
	}
	return redactSecrets(c.WaitData(ctx, d), params)
}

func (c *Client) PutTask(ctx context.Context, path string, params map[string]any) error {
	d, err := c.Put(ctx, path, params)
	if err != nil {
		return err
	}
	return redactSecrets(c.WaitData(ctx, d), params)
}

func (c *Client) DeleteTask(ctx context.Context, path string) error {
	d, err := c.Delete(ctx, path)
	if err != nil {
		return err
	}
	return c.WaitData(ctx, d)
}

// WaitData waits for the task when data is a UPID (calls that finished
// synchronously return null).
func (c *Client) WaitData(ctx context.Context, data any) error {
	s, ok := data.(string)
	if !ok || !strings.HasPrefix(s, "UPID:") {
		return nil
	}
	return c.WaitTask(ctx, s)
}

// TaskError is a PVE task that finished with an error exit status.
type TaskError struct {
	UPID       string
	ExitStatus string
	Log        []string
}

func (e *TaskError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Proxmox task %s failed: %s", e.UPID, e.ExitStatus)
	if len(e.Log) > 0 {
		b.WriteString("\nlast lines of the task log:\n  ")
		b.WriteString(strings.Join(e.Log, "\n  "))
	}
	return b.String()
}

// upidNode returns the node part of UPID:<node>:...
func upidNode(upid string) string {
	parts := strings.SplitN(upid, ":", 3)
	if len(parts) < 3 {
		return ""
	}
	return parts[1]
}

// WaitTask polls the task's status until it stops. The interval starts at
// pollMin and grows to pollMax, so a quick task costs one or two polls and no
// fixed sleep. Up to 8 consecutive failed polls (HTTP 5xx, connection reset,
// or "no such task" while the task is not visible yet) are retried.
func (c *Client) WaitTask(ctx context.Context, upid string) error {
	// What the task changed makes the cached guest list stale.
	defer c.invalidateResources()
	node := upidNode(upid)
	if node == "" {
		return fmt.Errorf("unexpected task id %q", upid)
	}
	path := fmt.Sprintf("/nodes/%s/tasks/%s/status", node, upid)
	deadline, limit := time.Now().Add(c.timeout), "the provider's proxmox timeout"
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) && opTimeoutOf(ctx) != "" {
		// The resource's own timeout ends the wait first; say so.
		deadline, limit = d, "the resource's "+opTimeoutOf(ctx)
	}
	interval := c.pollMin
	failures := 0
	stillRunning := func() error { return fmt.Errorf("task %s still running, stopped waiting at %s", upid, limit) }
	for {
		st, err := c.GetMap(ctx, path)
		if err != nil {
			failures++
			if opTimeoutOf(ctx) != "" && ctx.Err() == context.DeadlineExceeded {
				return stillRunning()
			}
			if failures > 8 || ctx.Err() != nil {
				return fmt.Errorf("waiting for task %s: %w", upid, err)
			}
		} else {
			failures = 0
			if str(st["status"]) == "stopped" || st["exitstatus"] != nil {
				exit := str(st["exitstatus"])
				if exit == "OK" || strings.HasPrefix(exit, "WARNINGS") {
					return nil
				}
				return &TaskError{UPID: upid, ExitStatus: exit, Log: c.taskLogTail(ctx, node, upid, 10)}
			}
		}
		if time.Now().After(deadline) {
			return stillRunning()
		}
		wait := interval
		if failures > 0 {
			wait = time.Duration(failures) * 250 * time.Millisecond
		}
		if until := time.Until(deadline); until < wait {
			wait = max(until, time.Millisecond)
		}
		select {
		case <-ctx.Done():
			if opTimeoutOf(ctx) != "" && ctx.Err() == context.DeadlineExceeded {
				return stillRunning()
			}
			return fmt.Errorf("waiting for task %s: %w", upid, ctx.Err())
		case <-time.After(wait):
		}
		interval = min(interval*3/2+time.Millisecond, c.pollMax)
	}
}

func (c *Client) taskLogTail(ctx context.Context, node, upid string, n int) []string {
	lines, err := c.GetList(ctx, fmt.Sprintf("/nodes/%s/tasks/%s/log?start=0&limit=5000", node, upid))
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range lines {
		if t := str(l["t"]); t != "" && t != "no content" {
			out = append(out, t)
		}
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}
