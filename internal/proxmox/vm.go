package proxmox

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure      = &vmResource{}
	_ resource.ResourceWithImportState    = &vmResource{}
	_ resource.ResourceWithModifyPlan     = &vmResource{}
	_ resource.ResourceWithValidateConfig = &vmResource{}
)

func newVMResource() resource.Resource { return &vmResource{} }

type vmResource struct{ data *providerdata.Data }

func (r *vmResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_vm"
}

func (r *vmResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func qemuPath(node string, vmid int64) string { return guestPath("qemu", node, vmid) }

func (r *vmResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan vmModel
	resp.Diagnostics.Append(createPlan(ctx, req.Plan, &plan)...)
	// The write-only values are only in the configuration.
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("clone"), &plan.Clone)...)
	var password types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("cloud_init").AtName("password"), &password)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, plan.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
	plan.sendPassword(password)
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node := plan.Node.ValueString()

	var (
		vmid     int
		accepted bool
		err      error
		what     = "Creating the VM failed"
	)
	if plan.Clone != nil {
		src, serr := guestResource(ctx, c, plan.Clone.SourceVMID.ValueInt64())
		if serr != nil || src == nil || str(src["type"]) != "qemu" {
			if serr == nil {
				serr = fmt.Errorf("no QEMU template with VMID %d in the cluster", plan.Clone.SourceVMID.ValueInt64())
			}
			resp.Diagnostics.AddAttributeError(path.Root("clone").AtName("source_vmid"), "Clone source not found", serr.Error())
			return
		}
		if !checkNotCreatedYet(ctx, c, vmKind, plan.Name, &resp.Diagnostics) {
			return
		}
		srcNode := str(src["node"])
		srcPath := qemuPath(srcNode, plan.Clone.SourceVMID.ValueInt64())
		what = "Cloning the VM failed"
		vmid, accepted, err = createGuest(ctx, c, "qemu", plan.VMID, func(id int) (any, error) {
			return c.Post(ctx, srcPath+"/clone", plan.cloneParams(id, node, srcNode))
		})
	} else {
		params := plan.createParams(ctx)
		if !checkNotCreatedYet(ctx, c, vmKind, plan.Name, &resp.Diagnostics) {
			return
		}
		vmid, accepted, err = createGuest(ctx, c, "qemu", plan.VMID, func(id int) (any, error) {
			params["vmid"] = strconv.Itoa(id)
			return c.Post(ctx, "/nodes/"+node+"/qemu", params)
		})
		err = redactSecrets(err, params)
	}
	if !vmKind.reportCreate(ctx, c, req, resp, node, vmid, plan.VMID, accepted, err, what) {
		return
	}
	plan.VMID = types.Int64Value(int64(vmid))
	plan.ID = types.StringValue(guestID(node, int64(vmid)))
	kept := vmKind.keptHint(node, vmid)

	if plan.Clone != nil {
		// Bring the clone to the configured settings and disks.
		cur := &vmModel{VMID: plan.VMID, Node: plan.Node}
		if _, err := r.read(ctx, c, cur, readNew); err != nil {
			resp.Diagnostics.AddError("Reading the clone failed", err.Error()+kept)
			return
		}
		// What the configuration leaves to PVE stays as the template had it.
		plan.keepUnset(cur, true)
		if err := r.apply(ctx, c, node, int64(vmid), cur.digest, cur, &plan, false, false); err != nil {
			resp.Diagnostics.AddError("Configuring the clone failed", err.Error()+kept)
			return
		}
	}
	if plan.Started.ValueBool() {
		if err := c.PostTask(ctx, qemuPath(node, int64(vmid))+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, vmKind, node, plan.bridges(), err, kept)
			return
		}
	}
	plan.Clone = nil // write-only: never stored
	found, err := r.read(ctx, c, &plan, readWritten)
	if !readAfterWrite(&resp.Diagnostics, found, err, "Reading the new VM failed", "the VM vanished right after its creation", kept) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

// apply brings the VM from cur to want: config changes (with deletions),
// new disks, disk growth. It does not touch the power state, except that a
// running VM with changes PVE could not apply live is rebooted.
//
// With detach, disks in cur but no longer in want are detached (PVE keeps
// the volume as unusedN, so no data is destroyed by a configuration edit).
//
// digest is the config digest cur was read with: PVE refuses the config
// change (a *ConfigChangedError) when the VM was edited since.
func (r *vmResource) apply(ctx context.Context, c *Client, node string, vmid int64, digest string, cur, want *vmModel, running, detach bool) error {
	base := qemuPath(node, vmid)
	params, del := configChanges(cur.toAPI(ctx), want.toAPI(ctx))
	oldDisks := map[string]vmDisk{}
	for _, d := range cur.Disks {
		oldDisks[d.Slot.ValueString()] = d
	}
	if detach {
		wanted := map[string]bool{}
		for _, d := range want.Disks {
			wanted[d.Slot.ValueString()] = true
		}
		for _, d := range cur.Disks {
			if !wanted[d.Slot.ValueString()] {
				del = append(del, d.Slot.ValueString())
			}
		}
	}
	var grow []vmDisk
	for _, d := range want.Disks {
		if _, ok := oldDisks[d.Slot.ValueString()]; !ok {
			params[d.Slot.ValueString()] = d.allocation()
			continue
		}
		grow = append(grow, d)
	}
	if want.CloudInit != nil && cur.CloudInit == nil {
		params[ciDiskKey] = want.CloudInit.Storage.ValueString() + ":cloudinit"
	}
	if want.CloudInit == nil && cur.CloudInit != nil {
		del = append(del, ciDiskKey)
	}
	setDelete(params, del)
	if len(params) > 0 {
		if err := c.UpdateConfig(ctx, "qemu", node, vmid, digest, params); err != nil {
			return redactSecrets(err, params) // it may carry cipassword
		}
	}
	resized := resizeDigest(ctx, c, "qemu", node, vmid, digest, len(params) > 0)
	for _, d := range grow {
		if err := growDisk(ctx, c, "qemu", node, vmid, d.Slot.ValueString(), oldDisks[d.Slot.ValueString()].Size, d.Size, resized); err != nil {
			var changed *ConfigChangedError
			if errors.As(err, &changed) {
				return err
			}
			return fmt.Errorf("resizing %s: %w", d.Slot.ValueString(), err)
		}
	}
	if running && len(params) > 0 {
		if err := rebootIfPending(ctx, c, base); err != nil {
			return fmt.Errorf("rebooting to apply pending changes: %w", err)
		}
	}
	return nil
}

// read refreshes m; mode says what it keeps of m (readMode).
func (r *vmResource) read(ctx context.Context, c *Client, m *vmModel, mode readMode) (bool, error) {
	vmid := m.VMID.ValueInt64()
	g, err := readGuest(ctx, c, "qemu", m.Node.ValueString(), vmid)
	if err != nil || g == nil {
		return false, err
	}
	var prior *vmModel
	if mode != readNew {
		p := *m
		prior = &p
	}
	if diags := m.fromAPI(ctx, g.Config, prior); diags.HasError() {
		return false, fmt.Errorf("reading the config: %v", diags)
	}
	if mode == readWritten {
		m.keepSpelling(prior)
	}
	m.digest = g.Digest
	m.Node, m.ID, m.Started, m.Pool = g.attributes(vmid)
	return true, nil
}

// createPlan reads a create's plan into m. A disk list the configuration
// leaves out is unknown there (a clone keeps its template's disks, read
// back after the create) and reads as none.
func createPlan(ctx context.Context, plan tfsdk.Plan, m *vmModel) diag.Diagnostics {
	var disks types.List
	diags := plan.GetAttribute(ctx, path.Root("disk"), &disks)
	if disks.IsUnknown() {
		diags.Append(plan.SetAttribute(ctx, path.Root("disk"), types.ListNull(disks.ElementType(ctx)))...)
	}
	diags.Append(plan.Get(ctx, m)...)
	return diags
}

func (r *vmResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readResource(ctx, r.data, vmKind, req, resp,
		func(ctx context.Context, c *Client, m *vmModel) (bool, error) { return r.read(ctx, c, m, readRefresh) },
		func(m *vmModel) string { return m.digest })
}

func (r *vmResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state vmModel
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
	vmid := state.VMID.ValueInt64()
	node := state.Node.ValueString()
	running := state.Started.ValueBool()
	// Until the update succeeds, the state stays what it was (plus a
	// migration once it happened): a step that failed, e.g. a config change
	// PVE refused because the guest was edited since the plan, must not be
	// recorded as done.
	resp.State.Raw = req.State.Raw.Copy()

	if target := plan.Node.ValueString(); target != node {
		params := map[string]any{"target": target, "with-local-disks": "1"}
		if running {
			params["online"] = "1"
		}
		if !vmKind.migrate(ctx, c, &resp.State, &resp.Diagnostics, node, target, vmid, params) {
			return
		}
		node = target
	}
	plan.keepUnset(&state, false)
	if plan.passwordVersionChanged(&state) {
		var password types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("cloud_init").AtName("password"), &password)...)
		if resp.Diagnostics.HasError() {
			return
		}
		plan.sendPassword(password)
	}
	// The digest of the refresh the plan was computed from.
	if err := r.apply(ctx, c, node, vmid, digestFrom(ctx, req.Private), &state, &plan, running, true); err != nil {
		var changed *ConfigChangedError
		if errors.As(err, &changed) {
			resp.Diagnostics.AddError("VM changed outside OpenTofu", err.Error())
			return
		}
		resp.Diagnostics.AddError("Updating the VM failed", err.Error())
		return
	}
	if err := setPool(ctx, c, vmid, state.Pool, plan.Pool); err != nil {
		resp.Diagnostics.AddError("Changing the pool failed", err.Error())
		return
	}
	base := qemuPath(node, vmid)
	switch {
	case plan.Started.ValueBool() && !running:
		if err := c.PostTask(ctx, base+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, vmKind, node, plan.bridges(), err, "")
			return
		}
	case !plan.Started.ValueBool() && running:
		if err := shutdownGuest(ctx, c, base); err != nil {
			resp.Diagnostics.AddError("Stopping the VM failed", err.Error())
			return
		}
	}
	found, err := r.read(ctx, c, &plan, readWritten)
	if !readAfterWrite(&resp.Diagnostics, found, err, "Reading the VM failed", "the VM disappeared during the update", "") {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

func (r *vmResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteResource(ctx, r.data, vmKind, req, resp)
}

func (r *vmResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importResource(ctx, r.data, vmKind, req, resp)
}
