package proxmox

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure   = &storageResource{}
	_ resource.ResourceWithImportState = &storageResource{}
)

func newStorageResource() resource.Resource { return &storageResource{} }

type storageResource struct{ data *providerdata.Data }

func (r *storageResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_storage"
}

func (r *storageResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func storagePath(id string) string { return "/storage/" + url.PathEscape(id) }

// storageAttr maps a PVE storage option to the attribute holding it.
func storageAttr(param string) (path.Path, bool) {
	switch param {
	case "prune-backups":
		return path.Root("prune_backups"), true
	case "storage", "type", "content", "nodes", "shared", "disable", "password":
		return path.Root(param), true
	}
	var m storageCfgModel
	if _, ok := m.stringAttrs()[param]; ok {
		return path.Root(param), true
	}
	return path.Path{}, false
}

func (r *storageResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m, config storageCfgModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, m.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.Storage.ValueString()
	params := map[string]any{"storage": id, "type": m.Type.ValueString()}
	for k, v := range m.toAPI(ctx) {
		params[k] = v
	}
	if !config.Password.IsNull() {
		params["password"] = config.Password.ValueString()
	}
	what := fmt.Sprintf("Creating storage %q (homelab_proxmox_storage)", id)
	if _, err := c.Post(ctx, "/storage", params); err != nil {
		if strings.Contains(err.Error(), "already defined") {
			resp.Diagnostics.AddAttributeError(path.Root("storage"), what+" failed",
				fmt.Sprintf("The cluster already has a storage %q; a create never takes it over. Import it instead, e.g. with an import block "+
					"`import { to = homelab_proxmox_storage.<name>  id = %q }`, then plan.\n\n%v", id, id, err))
			return
		}
		addRefusal(&resp.Diagnostics, what, err, storageAttr)
		return
	}
	// The state is the plan: the create succeeded with exactly these
	// options; the next refresh reads PVE's own.
	m.ID = m.Storage
	m.Password = types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *storageResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m storageCfgModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.Storage.ValueString()
	if id == "" {
		id = m.ID.ValueString()
	}
	cfg, err := c.GetMap(ctx, storagePath(id))
	if err != nil {
		if NotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		resp.Diagnostics.AddError(fmt.Sprintf("Reading storage %q failed", id), err.Error())
		return
	}
	m.fromAPI(cfg)
	m.Password = types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *storageResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state, config storageCfgModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, plan.Timeouts, "update", &resp.Diagnostics)
	defer cancel()
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	old, want := state.toAPI(ctx), plan.toAPI(ctx)
	params, del := configChanges(old, want)
	for k := range fixedOptions {
		delete(params, k) // equal (a change replaces the storage), never sent
	}
	del = removeFixed(del)
	if !plan.PasswordVersion.Equal(state.PasswordVersion) {
		if config.Password.IsNull() {
			del = append(del, "password")
		} else {
			params["password"] = config.Password.ValueString()
		}
	}
	setDelete(params, del)
	if len(params) > 0 {
		id := plan.Storage.ValueString()
		if _, err := c.Put(ctx, storagePath(id), params); err != nil {
			addRefusal(&resp.Diagnostics, fmt.Sprintf("Updating storage %q (homelab_proxmox_storage)", id), err, storageAttr)
			return
		}
	}
	plan.Password = types.StringNull()
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func removeFixed(keys []string) []string {
	var out []string
	for _, k := range keys {
		if !fixedOptions[k] {
			out = append(out, k)
		}
	}
	return out
}

func (r *storageResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m storageCfgModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, m.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.Storage.ValueString()
	if _, err := c.Delete(ctx, storagePath(id)); err != nil && !NotFound(err) {
		addRefusal(&resp.Diagnostics, fmt.Sprintf("Deleting storage %q (homelab_proxmox_storage)", id), err, nil)
	}
}

// ImportState takes the storage id.
func (r *storageResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !storageIDRe.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q: use the storage id, e.g. `nas`", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("storage"), req.ID)...)
}
