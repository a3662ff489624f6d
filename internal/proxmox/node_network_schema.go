package proxmox

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	// netIfaceRe is pve-iface.
	netIfaceRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]{1,20}([:.][0-9]+)?$`)
	vidRe      = regexp.MustCompile(`^([0-9]+)(-([0-9]+))?$`)
	vlanNRe    = regexp.MustCompile(`^vlan([0-9]+)$`)
)

func vNetIface() validator.String {
	return validate.Regex(netIfaceRe, "interface name (a letter, then letters, digits and _, optionally .<vlan>), e.g. vmbr0, bond0, vmbr0.10")
}

func vVIDs() validator.String {
	return validate.StringFunc("VLAN id or range", func(s string) error {
		m := vidRe.FindStringSubmatch(s)
		if m == nil {
			return fmt.Errorf("%q is not a VLAN id (\"10\") or range (\"100-200\")", s)
		}
		for _, x := range []string{m[1], m[3]} {
			if n, _ := strconv.Atoi(x); x != "" && (n < 2 || n > 4094) {
				return fmt.Errorf("VLAN %s is out of 2..4094", x)
			}
		}
		return nil
	})
}

var bondModes = []string{"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb", "balance-alb"}

func (r *nodeNetworkResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	ifaces := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{ElementType: types.StringType, Optional: true, MarkdownDescription: desc,
			Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(vNetIface())}}
	}
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released (state_upgrade_test.go).
		Version: 0,
		MarkdownDescription: "A network interface of a node (`/nodes/{node}/network`): a Linux `bridge` (VLAN-aware with `bridge_vids`), " +
			"a `bond` or a `vlan`. PVE stages every change in `/etc/network/interfaces.new`; each create, update and destroy applies the node's " +
			"staged configuration with the network reload (`PUT /nodes/{node}/network`, ifreload), so changes staged by hand in the web UI " +
			"are applied with them.\n\nImport takes `<node>/<iface>`, e.g. `pve-s1/vmbr0`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "`<node>/<iface>`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"node":  schema.StringAttribute{Required: true, PlanModifiers: replace, Validators: []validator.String{vNode()}, MarkdownDescription: "The node."},
			"iface": schema.StringAttribute{Required: true, PlanModifiers: replace, Validators: []validator.String{vNetIface()}, MarkdownDescription: "Interface name, e.g. `vmbr1`, `bond0`, `vmbr0.10`, `vlan20`."},
			"type": schema.StringAttribute{Required: true, PlanModifiers: replace, Validators: []validator.String{stringvalidator.OneOf("bridge", "bond", "vlan")},
				MarkdownDescription: "`bridge`, `bond` or `vlan`."},
			"cidr":     schema.StringAttribute{Optional: true, Validators: []validator.String{validate.IPv4Prefix()}, MarkdownDescription: "IPv4 address with prefix length, e.g. `10.10.10.11/24`."},
			"gateway":  schema.StringAttribute{Optional: true, Validators: []validator.String{validate.IPv4()}, MarkdownDescription: "Default IPv4 gateway (one interface of a node has it)."},
			"mtu":      schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(1280, 65520)}, MarkdownDescription: "MTU (1500 when unset); not above the ports' or parent's."},
			"comments": schema.StringAttribute{Optional: true, Validators: []validator.String{validate.Regex(singleLineRe, "single line of text")}, MarkdownDescription: "Comment."},
			"autostart": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Bring the interface up at boot (`auto`)."},
			"bridge_ports": ifaces("`bridge`: its ports, e.g. `[\"bond0\"]`; none for an internal bridge."),
			"bridge_vlan_aware": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "`bridge`: VLAN-aware (guests' NICs set their `tag`)."},
			"bridge_vids": schema.SetAttribute{ElementType: types.StringType, Optional: true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(vVIDs())},
				MarkdownDescription: "`bridge` (VLAN-aware): the VLANs it carries, ids or ranges, e.g. `[\"10\", \"20\"]` (PVE's default 2-4094)."},
			"slaves":                ifaces("`bond`: its member NICs."),
			"bond_mode":             schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf(bondModes...)}, MarkdownDescription: "`bond`: mode, e.g. `802.3ad` (LACP) or `active-backup`."},
			"bond_xmit_hash_policy": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("layer2", "layer2+3", "layer3+4")}, MarkdownDescription: "`bond` (`802.3ad`, `balance-xor`): transmit hash policy."},
			"bond_primary":          schema.StringAttribute{Optional: true, Validators: []validator.String{vNetIface()}, MarkdownDescription: "`bond` (`active-backup`): the preferred slave."},
			"vlan_id": schema.Int64Attribute{Optional: true, Computed: true, Validators: []validator.Int64{int64validator.Between(1, 4094)},
				MarkdownDescription: "`vlan`: the VLAN id; taken from the name for `<parent>.<id>` and `vlan<id>`, needed otherwise."},
			"vlan_raw_device": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{vNetIface()},
				MarkdownDescription: "`vlan`: the parent interface; taken from the name for `<parent>.<id>`, needed otherwise."},
		},
	}
}

var (
	_ resource.ResourceWithValidateConfig = &nodeNetworkResource{}
	_ resource.ResourceWithModifyPlan     = &nodeNetworkResource{}
)

// ValidateConfig checks what PVE's writer would refuse at plan time:
// options of another type, a bond without slaves or with a primary that
// is not one of them, VLAN ids on a bridge that is not VLAN-aware, a VLAN
// without its parent or id.
func (r *nodeNetworkResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m nodeNetworkModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Type.IsUnknown() || m.Type.IsNull() || m.Iface.IsUnknown() {
		return
	}
	typ, name := m.Type.ValueString(), m.Iface.ValueString()
	only := map[string]bool{
		"bridge_ports": !m.BridgePorts.IsNull(), "bridge_vlan_aware": !m.BridgeVLANAware.IsNull(), "bridge_vids": !m.BridgeVIDs.IsNull(),
		"slaves": !m.Slaves.IsNull(), "bond_mode": !m.BondMode.IsNull(), "bond_xmit_hash_policy": !m.BondXmitHashPolicy.IsNull(),
		"bond_primary": !m.BondPrimary.IsNull(), "vlan_id": !m.VLANID.IsNull(), "vlan_raw_device": !m.VLANRawDevice.IsNull(),
	}
	prefix := map[string]string{"bridge": "bridge_", "bond": "bond_", "vlan": "vlan_"}[typ]
	for attr, set := range only {
		if set && !(len(attr) > len(prefix) && attr[:len(prefix)] == prefix) && !(typ == "bond" && attr == "slaves") {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Attribute not used by this interface type",
				fmt.Sprintf("`%s` does not apply to an interface of type %q.", attr, typ))
		}
	}
	switch typ {
	case "bridge":
		if !m.BridgeVIDs.IsNull() && !m.BridgeVLANAware.ValueBool() && !m.BridgeVLANAware.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root("bridge_vids"), "VLAN ids on a VLAN-unaware bridge",
				"`bridge_vids` only applies to a VLAN-aware bridge: set `bridge_vlan_aware = true`.")
		}
	case "bond":
		if m.Slaves.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("slaves"), "Missing slaves", "A bond needs `slaves`.")
		}
		if !m.BondPrimary.IsNull() && !m.BondPrimary.IsUnknown() && !m.Slaves.IsUnknown() && !slices.Contains(setStrings(ctx, m.Slaves), m.BondPrimary.ValueString()) {
			resp.Diagnostics.AddAttributeError(path.Root("bond_primary"), "Primary is not a slave", "`bond_primary` must be one of `slaves`.")
		}
		if !m.BondXmitHashPolicy.IsNull() && !m.BondMode.IsUnknown() && m.BondMode.ValueString() != "802.3ad" && m.BondMode.ValueString() != "balance-xor" {
			resp.Diagnostics.AddAttributeError(path.Root("bond_xmit_hash_policy"), "Hash policy not used by this mode",
				"`bond_xmit_hash_policy` applies to `bond_mode` `802.3ad` and `balance-xor` only.")
		}
	case "vlan":
		dot := vlanDotRe.FindStringSubmatch(name)
		switch {
		case dot != nil:
			if !m.VLANRawDevice.IsNull() && m.VLANRawDevice.ValueString() != dot[1] || !m.VLANID.IsNull() && strconv.FormatInt(m.VLANID.ValueInt64(), 10) != dot[2] {
				resp.Diagnostics.AddAttributeError(path.Root("iface"), "VLAN name and settings disagree",
					fmt.Sprintf("%q is VLAN %s on %s by its name; leave `vlan_id` and `vlan_raw_device` out.", name, dot[2], dot[1]))
			}
		default:
			if m.VLANRawDevice.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root("vlan_raw_device"), "Missing parent",
					fmt.Sprintf("VLAN %q needs `vlan_raw_device` (or name it `<parent>.<id>`, e.g. `vmbr0.10`).", name))
			}
			if vlanNRe.MatchString(name) {
				if !m.VLANID.IsNull() && "vlan"+strconv.FormatInt(m.VLANID.ValueInt64(), 10) != name {
					resp.Diagnostics.AddAttributeError(path.Root("vlan_id"), "VLAN name and id disagree", fmt.Sprintf("%q is VLAN %s by its name.", name, name[4:]))
				}
			} else if m.VLANID.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root("vlan_id"), "Missing VLAN id", fmt.Sprintf("VLAN %q needs `vlan_id`.", name))
			}
		}
	}
	if !m.Gateway.IsNull() && m.CIDR.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("gateway"), "Gateway without address", "Set `cidr` too.")
	}
}

// ModifyPlan plans what PVE derives: the id, and the VLAN parent and id
// taken from the interface name.
func (r *nodeNetworkResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan nodeNetworkModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.Iface.IsUnknown() || plan.Node.IsUnknown() || plan.Type.IsUnknown() {
		return
	}
	name := plan.Iface.ValueString()
	plan.ID = types.StringValue(plan.Node.ValueString() + "/" + name)
	if plan.Type.ValueString() != "vlan" {
		plan.VLANID, plan.VLANRawDevice = types.Int64Null(), types.StringNull()
	} else if dot := vlanDotRe.FindStringSubmatch(name); dot != nil {
		id, _ := strconv.ParseInt(dot[2], 10, 64)
		plan.VLANID, plan.VLANRawDevice = types.Int64Value(id), types.StringValue(dot[1])
	} else if m := vlanNRe.FindStringSubmatch(name); m != nil && plan.VLANID.IsUnknown() {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		plan.VLANID = types.Int64Value(id)
	}
	if plan.VLANRawDevice.IsUnknown() {
		plan.VLANRawDevice = types.StringNull()
	}
	if plan.VLANID.IsUnknown() {
		plan.VLANID = types.Int64Null()
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}
