package proxmox

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// getClusterObject is the read backup jobs and HA resources and rules
// share: the object's config at p, or, when PVE says it is gone, the
// resource taken out of the state (ok false either way on failure).
func getClusterObject(ctx context.Context, c *Client, p, what string, gone func(error) bool, resp *resource.ReadResponse) (map[string]any, bool) {
	e, err := c.GetMap(ctx, p)
	switch {
	case err == nil:
		return e, true
	case gone(err):
		resp.State.RemoveResource(ctx)
	default:
		resp.Diagnostics.AddError(what+" failed", err.Error())
	}
	return nil, false
}
