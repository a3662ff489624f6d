package proxmox

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/tfmodel"
)

// The guest layer: what homelab_proxmox_lxc and homelab_proxmox_vm share
// beyond the create (guestcreate.go) and the config conversion helpers
// (guest_config.go): reading a guest wherever it runs, pool membership,
// migration, disk growth, pending changes, and the Read, Delete and
// ImportState the guest resources share.

// guestPath is the API path of a guest: /nodes/{node}/{kind}/{vmid}.
func guestPath(kind, node string, vmid int64) string {
	return fmt.Sprintf("/nodes/%s/%s/%d", node, kind, vmid)
}

// guestID is the resource id of a guest, `node/vmid`.
func guestID(node string, vmid int64) string { return fmt.Sprintf("%s/%d", node, vmid) }

// guestRead is a guest as read from PVE: its config and what
// /cluster/resources says about it.
type guestRead struct {
	Node    string         // the node it runs on now (it may have moved)
	Config  map[string]any // GET .../config
	Digest  string         // the config's digest
	Running bool
	Pool    types.String // null when in no pool
}

// attributes are the values of the node, id, started and pool attributes
// every guest resource has.
func (g *guestRead) attributes(vmid int64) (node, id types.String, started types.Bool, pool types.String) {
	return types.StringValue(g.Node), types.StringValue(guestID(g.Node, vmid)), types.BoolValue(g.Running), g.Pool
}

// readGuest reads guest vmid of kind ("lxc" or "qemu"), following a guest
// that moved to another node (node is the last known one). It returns nil
// when the guest is gone (or is now of another kind).
func readGuest(ctx context.Context, c *Client, kind, node string, vmid int64) (*guestRead, error) {
	res, err := guestResource(ctx, c, vmid)
	if err != nil {
		return nil, err
	}
	if res == nil || str(res["type"]) != kind {
		return nil, nil
	}
	if n := str(res["node"]); n != "" {
		node = n
	}
	cfg, err := c.GetMap(ctx, guestPath(kind, node, vmid)+"/config")
	if err != nil {
		if NotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	g := &guestRead{Node: node, Config: cfg, Digest: str(cfg["digest"]), Running: str(res["status"]) == "running", Pool: types.StringNull()}
	if p := str(res["pool"]); p != "" {
		g.Pool = types.StringValue(p)
	}
	return g, nil
}

// migrate moves guest vmid from node to target (POST .../migrate with
// params, or through the HA manager when it manages the guest) and records the new node in the state, so that it stays there
// even when a later step of the update fails. It reports false, with the
// diagnostic, when the migration failed.
func (k guestKind) migrate(ctx context.Context, c *Client, state *tfsdk.State, diags *diag.Diagnostics, node, target string, vmid int64, params map[string]any) bool {
	viaHA, err := k.haMigrate(ctx, c, vmid, target) // HA-managed guests move through the HA manager (ha_migrate.go)
	if !viaHA && err == nil {
		err = c.PostTask(ctx, guestPath(k.kind, node, vmid)+"/migrate", params)
	}
	if err != nil {
		diags.AddError("Migrating the "+k.noun+" to "+target+" failed", err.Error())
		return false
	}
	diags.Append(recordNode(ctx, state, target, vmid)...)
	return true
}

// planMigration marks the id unknown when the node changes: a migration
// changes it (node/vmid).
func planMigration(ctx context.Context, plan *tfsdk.Plan, planned, current types.String) diag.Diagnostics {
	if planned.Equal(current) {
		return nil
	}
	return plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())
}

// recordNode puts a guest's new node (after a migration) into the state,
// so that it stays there even when a later step of the update fails.
func recordNode(ctx context.Context, state *tfsdk.State, node string, vmid int64) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(state.SetAttribute(ctx, path.Root("node"), types.StringValue(node))...)
	diags.Append(state.SetAttribute(ctx, path.Root("id"), types.StringValue(guestID(node, vmid)))...)
	return diags
}

// growDisk resizes disk (PUT .../resize) when want is larger than old; a
// size that stays or shrinks (refused at plan time) sends nothing. The
// resize carries digest (resizeDigest), so PVE refuses it, as it refuses a
// config update, when the guest was edited since: old would then not be
// the size the plan grew from.
func growDisk(ctx context.Context, c *Client, kind, node string, vmid int64, disk string, old, want sizeValue, digest func() (string, error)) error {
	ob, _ := parseSize(old.ValueString())
	nb, _ := parseSize(want.ValueString())
	if nb <= ob {
		return nil
	}
	d, err := digest()
	if err != nil {
		return err
	}
	params := map[string]any{"disk": disk, "size": sizeForResize(nb)}
	if d != "" {
		params["digest"] = d
	}
	err = c.PutTask(ctx, fmt.Sprintf("/nodes/%s/%s/%d/resize", node, kind, vmid), params)
	if staleDigest(err) {
		return &ConfigChangedError{Kind: kind, Node: node, VMID: vmid, Err: err}
	}
	return err
}

// resizeDigest is the digest a resize sends: the one the plan was computed
// from, or, once this apply changed the config itself (which changes the
// digest), the config's digest read again, once.
func resizeDigest(ctx context.Context, c *Client, kind, node string, vmid int64, planned string, configChanged bool) func() (string, error) {
	var digest string
	read := false
	return func() (string, error) {
		if !configChanged {
			return planned, nil
		}
		if !read {
			conf, err := c.GetMap(ctx, fmt.Sprintf("/nodes/%s/%s/%d/config", node, kind, vmid))
			if err != nil {
				return "", fmt.Errorf("reading the config digest before the resize: %w", err)
			}
			digest, read = str(conf["digest"]), true
		}
		return digest, nil
	}
}

// shutdownTimeout is how long a guest gets to shut down cleanly (ACPI for
// a VM, the init's poweroff for a container) before PVE stops it.
const shutdownTimeout = "60"

// shutdownGuest shuts a running guest down gracefully: POST
// .../status/shutdown with a timeout, after which PVE stops it
// (forceStop=1), as `started = false` asks.
func shutdownGuest(ctx context.Context, c *Client, base string) error {
	return c.PostTask(ctx, base+"/status/shutdown", map[string]any{"timeout": shutdownTimeout, "forceStop": "1"})
}

// rebootIfPending reboots a running guest whose config has changes PVE
// could not apply live (GET .../pending lists them). An unreadable pending
// list reboots nothing.
func rebootIfPending(ctx context.Context, c *Client, base string) error {
	pending, err := c.GetList(ctx, base+"/pending")
	if err != nil || !hasPending(pending) {
		return nil
	}
	return c.PostTask(ctx, base+"/status/reboot", nil)
}

// readMode is what a read keeps of the model it refreshes.
type readMode int

const (
	// readNew keeps nothing: a guest not in the state yet (a fresh clone).
	readNew readMode = iota
	// readRefresh keeps what PVE cannot tell (which optional blocks and
	// disks the state has); values are in PVE's spelling.
	readRefresh
	// readWritten also keeps the planned spelling: right after a create or
	// update, OpenTofu requires the state to hold the planned values.
	readWritten
)

// readAfterWrite reads the guest back into m at the end of a create or an
// update; it fails when the guest is gone. what is the diagnostic's summary,
// gone the error when the guest is not found, extra a hint appended to the
// message.
func readAfterWrite(diags *diag.Diagnostics, found bool, err error, what, gone, extra string) bool {
	if err == nil && found {
		return true
	}
	if err == nil {
		err = errors.New(gone)
	}
	diags.AddError(what, err.Error()+extra)
	return false
}

// reportCreate records a guest PVE accepted in the state (whatever fails
// next, OpenTofu keeps it) and reports a failed create with the hint that
// fits: kept and tainted when accepted, the import to use when the
// configured VMID is taken. It reports whether the create succeeded.
func (k guestKind) reportCreate(ctx context.Context, c *Client, req resource.CreateRequest, resp *resource.CreateResponse,
	node string, vmid int, wantVMID types.Int64, accepted bool, err error, what string) bool {
	if accepted {
		resp.Diagnostics.Append(recordCreated(ctx, req.Plan, &resp.State, node, int64(vmid))...)
	}
	if err == nil {
		return true
	}
	msg := err.Error()
	if accepted {
		msg += k.keptHint(node, vmid)
	} else {
		msg += k.takenHint(ctx, c, wantVMID, err)
	}
	resp.Diagnostics.AddError(what, msg)
	return false
}

// readResource is the Read of a guest resource: read refreshes the model
// from PVE and reports found=false when the guest is gone, which removes
// it from the state (the next apply creates it again).
func readResource[M any](ctx context.Context, d *providerdata.Data, k guestKind, req resource.ReadRequest, resp *resource.ReadResponse,
	read func(context.Context, *Client, *M) (bool, error), digest func(*M) string) {
	// tfmodel, not State.Get and Set: a refresh reads every guest, and the
	// framework's reflection costs more than the rest of the Read.
	var state M
	typ := req.State.Schema.Type()
	if err := tfmodel.Get(ctx, req.State.Raw, typ, &state); err != nil {
		resp.Diagnostics.AddError("Reading the "+k.noun+"'s state failed", err.Error())
		return
	}
	c := clientOrDiag(ctx, d, &resp.Diagnostics)
	if c == nil {
		return
	}
	found, err := read(ctx, c, &state)
	if err != nil {
		resp.Diagnostics.AddError("Reading the "+k.noun+" failed", err.Error())
		return
	}
	if !found {
		resp.State.RemoveResource(ctx)
		return
	}
	raw, err := tfmodel.Value(ctx, typ, &state)
	if err != nil {
		resp.Diagnostics.AddError("Writing the "+k.noun+"'s state failed", err.Error())
		return
	}
	resp.State.Raw = raw
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, digest(&state))...)
}

// deleteResource is the Delete of a guest resource (deleteGuest).
func deleteResource(ctx context.Context, d *providerdata.Data, k guestKind, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var node types.String
	var vmid types.Int64
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("node"), &node)...)
	var t timeouts.Value
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("vmid"), &vmid)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("timeouts"), &t)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, t, "delete", &resp.Diagnostics)
	defer cancel()
	c := clientOrDiag(ctx, d, &resp.Diagnostics)
	if c == nil {
		return
	}
	if err := deleteGuest(ctx, c, k.kind, node.ValueString(), vmid.ValueInt64()); err != nil {
		resp.Diagnostics.AddError("Deleting the "+k.noun+" failed", err.Error())
	}
}

// importResource is the ImportState of a guest resource: `node/vmid`, or
// the VMID alone (parseGuestImportID).
func importResource(ctx context.Context, d *providerdata.Data, k guestKind, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	node, vmid, err := parseGuestImportID(ctx, d, req.ID, k.kind)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node"), node)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("vmid"), vmid)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), guestID(node, vmid))...)
}

// checkShrink rejects at plan time a disk size below the current one (PVE
// only grows disks).
func checkShrink(diags *diag.Diagnostics, p path.Path, old, new sizeValue) {
	if old.IsNull() || old.IsUnknown() || new.IsNull() || new.IsUnknown() {
		return
	}
	ob, err1 := parseSize(old.ValueString())
	nb, err2 := parseSize(new.ValueString())
	if err1 == nil && err2 == nil && nb < ob {
		diags.AddAttributeError(p, "Disk cannot shrink",
			fmt.Sprintf("The disk is %s and cannot be reduced to %s: Proxmox VE only grows disks. Keep the size, or grow it.",
				old.ValueString(), new.ValueString()))
	}
}

// guestResource returns the /cluster/resources entry of vmid, or nil, from
// the run's cached listing (resources_cache.go).
func guestResource(ctx context.Context, c *Client, vmid int64) (map[string]any, error) {
	list, err := c.vmResources(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		if id, ok := toInt(e["vmid"]); ok && int64(id) == vmid {
			return e, nil
		}
	}
	return nil, nil
}

// setPool moves a guest between resource pools (PVE 9's PUT /pools with
// poolid: the /pools/{poolid} form is deprecated and cannot name a nested
// pool).
func setPool(ctx context.Context, c *Client, vmid int64, old, want types.String) error {
	if old.Equal(want) || want.IsUnknown() {
		return nil
	}
	id := strconv.FormatInt(vmid, 10)
	if !want.IsNull() {
		_, err := c.Put(ctx, "/pools", map[string]any{"poolid": want.ValueString(), "vms": id, "allow-move": "1"})
		return err
	}
	if !old.IsNull() {
		_, err := c.Put(ctx, "/pools", map[string]any{"poolid": old.ValueString(), "vms": id, "delete": "1"})
		if NotFound(err) || (err != nil && strings.Contains(err.Error(), "is not a pool member")) {
			return nil // gone already: the pool, or the guest from it
		}
		return err
	}
	return nil
}

// hasPending reports whether GET .../pending lists a change not applied yet.
func hasPending(items []map[string]any) bool {
	for _, it := range items {
		if _, ok := it["pending"]; ok {
			return true
		}
		if _, ok := it["delete"]; ok {
			return true
		}
	}
	return false
}

// deleteGuest stops the guest when it runs, then destroys it with its disks.
// A guest that is already gone is not an error.
func deleteGuest(ctx context.Context, c *Client, kind, node string, vmid int64) error {
	res, err := guestResource(ctx, c, vmid)
	if err != nil {
		return err
	}
	if res == nil {
		c.forgetGuest(vmid)
		return nil
	}
	if n := str(res["node"]); n != "" {
		node = n
	}
	base := guestPath(kind, node, vmid)
	if str(res["status"]) == "running" {
		if err := c.PostTask(ctx, base+"/status/stop", nil); err != nil && !strings.Contains(err.Error(), "not running") {
			return err
		}
	}
	err = c.DeleteTask(ctx, base+"?purge=1&destroy-unreferenced-disks=1")
	if err != nil && NotFound(err) {
		err = nil
	}
	if err == nil {
		// A create later in this run (a replacement) may reuse its name.
		c.forgetGuest(vmid)
	}
	return err
}

// parseGuestImportID accepts `node/vmid` or a bare `vmid` (the node is then
// looked up in /cluster/resources, and the guest must be of kind).
func parseGuestImportID(ctx context.Context, d *providerdata.Data, id, kind string) (string, int64, error) {
	nodePart, idPart, hasNode := strings.Cut(id, "/")
	if !hasNode {
		idPart = nodePart
	}
	vmid, err := strconv.ParseInt(idPart, 10, 64)
	if err != nil || vmid < 100 {
		return "", 0, fmt.Errorf("%q is not an import id: use `node/vmid` (e.g. `pve-s1/1005`) or the VMID alone (`1005`)", id)
	}
	if hasNode {
		if !nodeRe.MatchString(nodePart) {
			return "", 0, fmt.Errorf("%q: %q is not a node name", id, nodePart)
		}
		return nodePart, vmid, nil
	}
	c, err := clientFrom(ctx, d)
	if err != nil {
		return "", 0, err
	}
	res, err := guestResource(ctx, c, vmid)
	if err != nil {
		return "", 0, err
	}
	if res == nil {
		return "", 0, fmt.Errorf("no guest with VMID %d exists in the cluster", vmid)
	}
	if t := str(res["type"]); t != kind {
		return "", 0, fmt.Errorf("VMID %d is a %s guest, not %s", vmid, t, kind)
	}
	return str(res["node"]), vmid, nil
}
