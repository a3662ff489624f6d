package proxmox

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.Resource                   = &lxcResource{}
	_ resource.ResourceWithConfigure      = &lxcResource{}
	_ resource.ResourceWithImportState    = &lxcResource{}
	_ resource.ResourceWithModifyPlan     = &lxcResource{}
	_ resource.ResourceWithValidateConfig = &lxcResource{}
)

func newLXCResource() resource.Resource { return &lxcResource{} }

type lxcResource struct{ data *providerdata.Data }

func (r *lxcResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_lxc"
}

func (r *lxcResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func lxcPath(node string, vmid int64) string { return guestPath("lxc", node, vmid) }

func (r *lxcResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan lxcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	// The write-only values are only in the configuration.
	for name, v := range map[string]*types.String{"ostemplate": &plan.OSTemplate, "password": &plan.Password, "ssh_public_keys": &plan.SSHPublicKeys} {
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(name), v)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	node := plan.Node.ValueString()
	params := plan.createParams(ctx)
	plan.dropWriteOnly()
	if !checkNotCreatedYet(ctx, c, lxcKind, plan.Hostname, &resp.Diagnostics) {
		return
	}
	vmid, accepted, err := createGuest(ctx, c, "lxc", plan.VMID, func(id int) (any, error) {
		params["vmid"] = strconv.Itoa(id)
		return c.Post(ctx, "/nodes/"+node+"/lxc", params)
	})
	err = redactSecrets(err, params)
	if !lxcKind.reportCreate(ctx, c, req, resp, node, vmid, plan.VMID, accepted, err, "Creating the container failed") {
		return
	}
	plan.VMID = types.Int64Value(int64(vmid))
	plan.ID = types.StringValue(guestID(node, int64(vmid)))
	kept := lxcKind.keptHint(node, vmid)

	if plan.Started.ValueBool() {
		if err := c.PostTask(ctx, lxcPath(node, int64(vmid))+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, lxcKind, node, plan.bridges(), err, kept)
			return
		}
	}
	found, err := r.read(ctx, c, &plan, readWritten)
	if !readAfterWrite(&resp.Diagnostics, found, err, "Reading the new container failed", "the container vanished right after its creation", kept) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

// read refreshes m from PVE. It follows a container that moved to another
// node and reports found=false when it is gone.
func (r *lxcResource) read(ctx context.Context, c *Client, m *lxcModel, mode readMode) (bool, error) {
	vmid := m.VMID.ValueInt64()
	g, err := readGuest(ctx, c, "lxc", m.Node.ValueString(), vmid)
	if err != nil || g == nil {
		return false, err
	}
	prior := *m
	if diags := m.fromAPI(ctx, g.Config, &prior); diags.HasError() {
		return false, fmt.Errorf("reading the config: %v", diags)
	}
	if mode == readWritten {
		m.keepSpelling(&prior)
	}
	m.digest = g.Digest
	m.Node, m.ID, m.Started, m.Pool = g.attributes(vmid)
	return true, nil
}

func (r *lxcResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readResource(ctx, r.data, lxcKind, req, resp,
		func(ctx context.Context, c *Client, m *lxcModel) (bool, error) { return r.read(ctx, c, m, readRefresh) },
		func(m *lxcModel) string { return m.digest })
}

func (r *lxcResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state lxcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, plan.Timeouts, "update", &resp.Diagnostics)
	defer cancel()
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node, vmid := state.Node.ValueString(), state.VMID.ValueInt64()
	running := state.Started.ValueBool()
	// Until the update succeeds, the state stays what it was (plus a
	// migration once it happened): a step that failed, e.g. a config change
	// PVE refused because the guest was edited since the plan, must not be
	// recorded as done.
	resp.State.Raw = req.State.Raw.Copy()

	// A new node: migrate first (PVE's restart migration for a running
	// container: shut down, move, start again), then change the rest there.
	if target := plan.Node.ValueString(); target != node {
		params := map[string]any{"target": target}
		if running {
			params["restart"] = "1"
		}
		if !lxcKind.migrate(ctx, c, &resp.State, &resp.Diagnostics, node, target, vmid, params) {
			return
		}
		node = target
	}
	base := lxcPath(node, vmid)

	plan.keepAllocated(&state)
	params, del := configChanges(state.toAPI(ctx), plan.toAPI(ctx))
	setDelete(params, del)
	if len(params) > 0 {
		// The digest of the refresh the plan was computed from: PVE refuses
		// the change when the container was edited since.
		if err := c.UpdateConfig(ctx, "lxc", node, vmid, digestFrom(ctx, req.Private), params); err != nil {
			var changed *ConfigChangedError
			if errors.As(err, &changed) {
				resp.Diagnostics.AddError("Container changed outside OpenTofu", err.Error())
				return
			}
			resp.Diagnostics.AddError("Updating the container config failed", err.Error())
			return
		}
	}

	if err := setPool(ctx, c, vmid, state.Pool, plan.Pool); err != nil {
		resp.Diagnostics.AddError("Changing the pool failed", err.Error())
		return
	}

	// Grow disks.
	digest := resizeDigest(ctx, c, "lxc", node, vmid, digestFrom(ctx, req.Private), len(params) > 0)
	resize := func(disk string, oldSize, newSize sizeValue) bool {
		if err := growDisk(ctx, c, "lxc", node, vmid, disk, oldSize, newSize, digest); err != nil {
			var changed *ConfigChangedError
			if errors.As(err, &changed) {
				resp.Diagnostics.AddError("Container changed outside OpenTofu", err.Error())
				return false
			}
			resp.Diagnostics.AddError("Resizing "+disk+" failed", err.Error())
			return false
		}
		return true
	}
	if !resize("rootfs", state.RootFS.Size, plan.RootFS.Size) {
		return
	}
	for i, mp := range plan.MountPoints {
		if i < len(state.MountPoints) && !mp.Storage.IsNull() && mp.Volume.Equal(state.MountPoints[i].Volume) {
			if !resize(fmt.Sprintf("mp%d", i), state.MountPoints[i].Size, mp.Size) {
				return
			}
		}
	}

	// Power state; a running container with changes PVE could not apply
	// live (pending) is rebooted.
	switch {
	case plan.Started.ValueBool() && !running:
		if err := c.PostTask(ctx, base+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, lxcKind, node, plan.bridges(), err, "")
			return
		}
	case !plan.Started.ValueBool() && running:
		if err := shutdownGuest(ctx, c, base); err != nil {
			resp.Diagnostics.AddError("Stopping the container failed", err.Error())
			return
		}
	case running && len(params) > 0:
		if err := rebootIfPending(ctx, c, base); err != nil {
			resp.Diagnostics.AddError("Rebooting the container to apply pending changes failed", err.Error())
			return
		}
	}

	found, err := r.read(ctx, c, &plan, readWritten)
	if !readAfterWrite(&resp.Diagnostics, found, err, "Reading the container failed", "the container disappeared during the update", "") {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

func (r *lxcResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteResource(ctx, r.data, lxcKind, req, resp)
}

func (r *lxcResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importResource(ctx, r.data, lxcKind, req, resp)
}
