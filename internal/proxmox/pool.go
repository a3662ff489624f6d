package proxmox

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure   = &poolResource{}
	_ resource.ResourceWithImportState = &poolResource{}
)

func newPoolResource() resource.Resource { return &poolResource{} }

type poolResource struct{ data *providerdata.Data }

func (r *poolResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_pool"
}

func (r *poolResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func poolAttr(param string) (path.Path, bool) {
	switch param {
	case "poolid":
		return path.Root("pool_id"), true
	case "comment":
		return path.Root("comment"), true
	}
	return path.Path{}, false
}

// readPool is GET /pools?poolid= (PVE 9): the pool's entry, nil when gone.
func readPool(ctx context.Context, c *Client, id string) (map[string]any, error) {
	list, err := c.GetList(ctx, "/pools?poolid="+url.QueryEscape(id))
	if err != nil {
		if NotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	for _, e := range list {
		if str(e["poolid"]) == id {
			return e, nil
		}
	}
	return nil, nil
}

func (r *poolResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m poolModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.PoolID.ValueString()
	params := map[string]any{}
	for k, v := range m.toAPI() {
		params[k] = v
	}
	what := fmt.Sprintf("Creating pool %q (homelab_proxmox_pool)", id)
	if _, err := c.Post(ctx, "/pools", params); err != nil {
		if alreadyExists(err) {
			resp.Diagnostics.AddAttributeError(path.Root("pool_id"), what+" failed",
				fmt.Sprintf("The cluster already has a pool %q; a create never takes it over. Import it instead "+
					"(`import { to = homelab_proxmox_pool.<name>  id = %q }`).\n\n%v", id, id, err))
			return
		}
		addRefusal(&resp.Diagnostics, what, err, poolAttr)
		return
	}
	m.ID = m.PoolID
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *poolResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m poolModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.PoolID.ValueString()
	if id == "" {
		id = m.ID.ValueString()
	}
	e, err := readPool(ctx, c, id)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Reading pool %q failed", id), err.Error())
		return
	}
	if e == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	m.fromAPI(e)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *poolResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state poolModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := plan.PoolID.ValueString()
	what := fmt.Sprintf("Updating pool %q (homelab_proxmox_pool)", id)
	if !plan.Comment.Equal(state.Comment) {
		if _, err := c.Put(ctx, "/pools", map[string]any{"poolid": id, "comment": plan.Comment.ValueString()}); err != nil {
			addRefusal(&resp.Diagnostics, what, err, poolAttr)
			return
		}
		if plan.Comment.IsNull() {
			// PVE ignores an empty comment: see whether it is gone.
			e, err := readPool(ctx, c, id)
			if err == nil && e != nil && str(e["comment"]) != "" {
				resp.Diagnostics.AddAttributeError(path.Root("comment"), what+" failed",
					fmt.Sprintf("Proxmox VE kept the comment %q: its API cannot clear a pool's comment. Set `comment` to the text you want instead.", str(e["comment"])))
				return
			}
		}
	}
	plan.ID = plan.PoolID
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *poolResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m poolModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.PoolID.ValueString()
	if _, err := c.Delete(ctx, "/pools?poolid="+url.QueryEscape(id)); err != nil && !NotFound(err) {
		resp.Diagnostics.AddError(fmt.Sprintf("Deleting pool %q (homelab_proxmox_pool) failed", id),
			err.Error()+"\n\nPVE only deletes an empty pool: remove the guests' `pool` attribute (or the guests) first.")
	}
}

// ImportState takes the pool id.
func (r *poolResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !poolIDRe.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q: use the pool id, e.g. `infra`", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("pool_id"), req.ID)...)
}
