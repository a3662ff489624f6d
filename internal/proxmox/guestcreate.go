package proxmox

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Creating a guest without losing or duplicating it.
//
// Nothing lost: once PVE accepted a create (the POST returned a task), the
// guest exists, or may exist when the wait for the task was interrupted
// (SIGINT cancels the context, a timeout, lost task polls). From then on
// Create puts the guest into the state (recordCreated) before anything else
// can fail, so OpenTofu keeps it, marked tainted when a later step failed,
// and the next apply replaces it instead of creating a second one.
//
// Nothing duplicated: when the state itself is lost (the provider killed
// before OpenTofu wrote it), the next apply would create the guest again.
// So before a create, the cluster's guests are listed once per run
// (/cluster/resources?type=vm, shared by all creates of the run) and a create
// is refused, with the import to use, when a guest of the same kind already
// has the configured hostname (containers) or name (VMs); a configured VMID
// that is taken PVE refuses itself, and the error names the import too. A
// replacement destroys the old guest first (OpenTofu's default), and
// guests destroyed in this run are never counted, so a replace is not
// refused; with create_before_destroy the old guest still exists while the
// new one is created, so the replacement needs a hostname or name of its
// own. Guests created in this run are not in the list either: two resources
// may still share a name on purpose.

// clusterGuests is the run's view of the cluster's guests before its
// creates: /cluster/resources?type=vm as first listed, minus the guests this
// run destroyed since.
func (c *Client) clusterGuests(ctx context.Context) ([]map[string]any, error) {
	c.guestsMu.Lock()
	defer c.guestsMu.Unlock()
	if c.guests == nil {
		list, err := c.GetList(ctx, "/cluster/resources?type=vm")
		if err != nil {
			return nil, err
		}
		if list == nil {
			list = []map[string]any{}
		}
		c.guests = list
	}
	out := make([]map[string]any, 0, len(c.guests))
	for _, g := range c.guests {
		if id, ok := toInt(g["vmid"]); ok && c.destroyed[id] {
			continue
		}
		out = append(out, g)
	}
	return out, nil
}

// forgetGuest records that this run destroyed vmid.
func (c *Client) forgetGuest(vmid int64) {
	c.guestsMu.Lock()
	defer c.guestsMu.Unlock()
	if c.destroyed == nil {
		c.destroyed = map[int]bool{}
	}
	c.destroyed[int(vmid)] = true
}

// existingGuest returns the guest of kind ("lxc" or "qemu") that already
// carries name (its hostname or VM name, compared as DNS names are,
// ignoring case), or nil. Templates do not count.
func existingGuest(list []map[string]any, kind, name string) map[string]any {
	for _, g := range list {
		if str(g["type"]) == kind && strings.EqualFold(str(g["name"]), name) && str(g["template"]) != "1" {
			return g
		}
	}
	return nil
}

// guestKind names a kind of guest in messages.
type guestKind struct {
	kind     string // "lxc" or "qemu"
	typeName string // resource type
	noun     string // "container", "VM"
	label    string // PVE's "CT", "VM"
	nameAttr string // "hostname", "name"
}

var (
	lxcKind = guestKind{kind: "lxc", typeName: "homelab_proxmox_lxc", noun: "container", label: "CT", nameAttr: "hostname"}
	vmKind  = guestKind{kind: "qemu", typeName: "homelab_proxmox_vm", noun: "VM", label: "VM", nameAttr: "name"}
)

func labelOf(g map[string]any) string {
	if str(g["type"]) == "lxc" {
		return "CT"
	}
	return "VM"
}

// importHint is the import block (and command) that adopts g.
func (k guestKind) importHint(g map[string]any) string {
	id := str(g["node"]) + "/" + str(g["vmid"])
	return fmt.Sprintf("  import {\n    to = %s.<name>  # this resource's address, shown above\n    id = %q\n  }\n\n"+
		"(or `tofu import %s.<name> %s`), then apply again.", k.typeName, id, k.typeName, id)
}

// checkNotCreatedYet refuses a create that would duplicate a guest: one of
// the same kind with the planned name. It reports false (with the
// diagnostic) when the create must not happen. (A configured VMID that is
// taken needs no check here: PVE refuses that create itself, and
// takenHint adds the import to its error.)
func checkNotCreatedYet(ctx context.Context, c *Client, k guestKind, name types.String, diags *diag.Diagnostics) bool {
	list, err := c.clusterGuests(ctx)
	if err != nil {
		diags.AddError("Listing the cluster's guests failed",
			"Before creating a "+k.noun+", the provider checks that it does not exist already (from an interrupted apply); listing the guests failed: "+err.Error())
		return false
	}
	if name.IsNull() || name.IsUnknown() || name.ValueString() == "" {
		return true
	}
	g := existingGuest(list, k.kind, name.ValueString())
	if g == nil {
		return true
	}
	diags.AddAttributeError(path.Root(k.nameAttr), fmt.Sprintf("A %s with this %s already exists", k.noun, k.nameAttr),
		fmt.Sprintf("%s %s on node %s already has the %s %q, but it is not in this OpenTofu state. "+
			"Creating another %s would leave two with the same %s, so nothing was created.\n\n"+
			"If it is the %s an interrupted apply of this resource created (or one made outside OpenTofu that this resource should manage), import it:\n\n%s\n\n"+
			"Otherwise remove that %s, or give this resource another %s. "+
			"(A resource renamed in the configuration without a `moved` block destroys the old one in the same apply: add the `moved` block instead. "+
			"With `create_before_destroy`, a replacement needs a %s of its own.)",
			labelOf(g), str(g["vmid"]), str(g["node"]), k.nameAttr, str(g["name"]),
			k.noun, k.nameAttr,
			k.noun, k.importHint(g),
			k.noun, k.nameAttr, k.nameAttr))
	return false
}

// createGuest allocates a VMID unless one is given, sends the create (post
// returns PVE's answer to it, a UPID) and waits for its task. When another
// client took an allocated id in the meantime ("already exists"), it tries
// the next one.
//
// accepted reports that the guest exists, or may: PVE took the create and the
// task either succeeded or its outcome is unknown (the wait was cancelled or
// timed out). A caller that gets an error with accepted must still record
// the guest. A create task that failed is not accepted: pve-container and
// qemu-server remove the guest of a failed create, unless it is still there.
func createGuest(ctx context.Context, c *Client, kind string, want types.Int64, post func(id int) (any, error)) (vmid int, accepted bool, err error) {
	fixed := !want.IsNull() && !want.IsUnknown()
	for attempt := 0; ; attempt++ {
		id := int(want.ValueInt64())
		if !fixed {
			if id, err = c.reserveID(ctx); err != nil {
				return 0, false, fmt.Errorf("allocating a VMID: %w", err)
			}
		}
		release := func() {
			if !fixed {
				c.releaseID(id)
			}
		}
		data, err := post(id)
		if err == nil {
			err = c.WaitData(ctx, data)
			if err == nil {
				release()
				return id, true, nil
			}
			var te *TaskError
			if !errors.As(err, &te) {
				// The wait was cancelled or timed out, or the task could
				// not be polled: the guest may exist.
				release()
				return id, true, err
			}
		}
		// Refused before the task (HTTP error, or no answer: then the next
		// apply finds a guest that was created anyway by its name), or the
		// task ran and failed.
		release()
		if alreadyExists(err) {
			if fixed || attempt >= 5 {
				return 0, false, err
			}
			continue // raced with another client for the id: next one
		}
		var te *TaskError
		if errors.As(err, &te) && ctx.Err() == nil {
			// PVE removes the guest of a failed create; keep it if it is
			// still there.
			if res, lerr := guestResource(ctx, c, int64(id)); lerr == nil && res != nil && str(res["type"]) == kind {
				return id, true, err
			}
		}
		return 0, false, err
	}
}

// recordCreated puts the created guest into the state: the planned values
// (unknown ones, which only PVE could fill, as null) with its id, vmid and
// node. From then on OpenTofu keeps the guest even if a later step fails or
// the apply is interrupted: an error leaves it tainted, to be replaced by the
// next apply.
func recordCreated(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, node string, vmid int64) diag.Diagnostics {
	var diags diag.Diagnostics
	raw, err := tftypes.Transform(plan.Raw, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		diags.AddError("Recording the new guest in the state failed", err.Error())
		return diags
	}
	state.Raw = raw
	diags.Append(state.SetAttribute(ctx, path.Root("id"), types.StringValue(fmt.Sprintf("%s/%d", node, vmid)))...)
	diags.Append(state.SetAttribute(ctx, path.Root("vmid"), types.Int64Value(vmid))...)
	diags.Append(state.SetAttribute(ctx, path.Root("node"), types.StringValue(node))...)
	return diags
}

// takenHint explains a create PVE refused because the configured VMID is
// taken ("already exists"): when a guest of this kind holds it, how to
// import it (it may be the one an interrupted apply created).
func (k guestKind) takenHint(ctx context.Context, c *Client, vmid types.Int64, err error) string {
	if vmid.IsNull() || vmid.IsUnknown() || !alreadyExists(err) {
		return ""
	}
	g, lerr := guestResource(ctx, c, vmid.ValueInt64())
	if lerr != nil || g == nil {
		return ""
	}
	if str(g["type"]) != k.kind || str(g["template"]) == "1" {
		return fmt.Sprintf("\n\nVMID %d is taken by %s %d; choose another `vmid`, or leave it unset to have one allocated.",
			vmid.ValueInt64(), labelOf(g), vmid.ValueInt64())
	}
	return fmt.Sprintf("\n\nIf %s %d (%q on node %s) is the %s an interrupted apply of this resource created, or one this resource "+
		"should manage, import it:\n\n%s\n\nOtherwise choose another `vmid`.",
		k.label, vmid.ValueInt64(), str(g["name"]), str(g["node"]), k.noun, k.importHint(g))
}

// keptHint tells what happens to a guest whose create did not finish.
func (k guestKind) keptHint(node string, vmid int) string {
	return fmt.Sprintf("\n\nPVE accepted the creation of %s %d on %s, so it is kept in the state, tainted: the next apply "+
		"replaces it (destroys it and creates it again) instead of creating a second %s.", k.label, vmid, node, k.noun)
}

var missingBridgeRe = regexp.MustCompile(`bridge '([^']+)' does not exist`)

// startFailed reports a failed start. PVE only looks a NIC's bridge up when
// the guest starts ("bridge 'x' does not exist"); that error is put on the
// network entry naming the bridge.
func startFailed(diags *diag.Diagnostics, k guestKind, node string, bridges []types.String, err error, extra string) {
	summary := "Starting the " + k.noun + " failed"
	if m := missingBridgeRe.FindStringSubmatch(err.Error()); m != nil {
		for i, b := range bridges {
			if b.ValueString() == m[1] {
				diags.AddAttributeError(path.Root("network").AtListIndex(i).AtName("bridge"), summary,
					fmt.Sprintf("The bridge %q does not exist on node %s, so PVE cannot start the %s. "+
						"Use a bridge of that node (PVE UI: node > System > Network), or create it first.\n\n%v%s",
						m[1], node, k.noun, err, extra))
				return
			}
		}
	}
	diags.AddError(summary, err.Error()+extra)
}
