package proxmox

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
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

// putClusterChanges sends what changed from before to after (PUT at p, with
// PVE's delete list for values left out), plus always when anything is
// sent; nothing at all when nothing changed.
func putClusterChanges(ctx context.Context, c *Client, p string, before, after map[string]string, always map[string]any) error {
	params, del := configChanges(before, after)
	setDelete(params, del)
	if len(params) == 0 {
		return nil
	}
	for k, v := range always {
		params[k] = v
	}
	_, err := c.Put(ctx, p, params)
	return err
}

// deleteClusterObject is the Delete the cluster objects share: target names
// the object of the state (its path and, for messages, its label); an
// object PVE says is gone (NotFound, or gone when given) is deleted.
func deleteClusterObject[M any](ctx context.Context, d *providerdata.Data, req resource.DeleteRequest, resp *resource.DeleteResponse,
	target func(*M) (p, label string), gone func(error) bool) {
	var m M
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, d, &resp.Diagnostics)
	if c == nil {
		return
	}
	p, label := target(&m)
	if _, err := c.Delete(ctx, p); err != nil && !NotFound(err) && (gone == nil || !gone(err)) {
		addRefusal(&resp.Diagnostics, "Deleting "+label, err, nil)
	}
}
