package proxmox

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	haSIDRe    = regexp.MustCompile(`^(vm|ct):[1-9][0-9]{2,8}$`)
	haRuleIDRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]+$`)
)

func vHASID() validator.String {
	return validate.Regex(haSIDRe, "HA resource id (`vm:<vmid>` or `ct:<vmid>`)")
}

func (r *haResourceResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released (state_upgrade_test.go).
		Version: 0,
		MarkdownDescription: "A guest managed by the HA stack (`/cluster/ha/resources`). Where it may run is set with " +
			"`homelab_proxmox_ha_rule` (node affinity) and which guests keep together or apart with resource affinity rules. " +
			"Destroying it removes the guest from HA (and from the rules naming it); the guest stays.\n\nImport takes the sid, e.g. `ct:1005`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The sid.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"sid": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{vHASID()},
				MarkdownDescription: "The guest: `ct:<vmid>` for a container, `vm:<vmid>` for a VM, e.g. `\"ct:${homelab_proxmox_lxc.vault.vmid}\"`."},
			"state": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("started"),
				Validators:          []validator.String{stringvalidator.OneOf("started", "stopped", "disabled", "ignored")},
				MarkdownDescription: "Requested state: `started` (default), `stopped`, `disabled` (no recovery), `ignored` (HA leaves it alone)."},
			"max_restart": schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(1),
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				MarkdownDescription: "Restart tries on the same node after a failed start (default 1)."},
			"max_relocate": schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(1),
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
				MarkdownDescription: "Relocations to another node after failed starts (default 1)."},
			"failback": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Move back to the highest-priority node of its node affinity rule when that node returns (default true)."},
			"comment": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthBetween(1, 4096),
				validate.Regex(singleLineRe, "single line of text")}, MarkdownDescription: "Description."},
		},
	}
}

func (r *haRuleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released (state_upgrade_test.go).
		Version: 0,
		MarkdownDescription: "An HA rule of PVE 9 (`/cluster/ha/rules`, replacing HA groups). A `node-affinity` rule keeps its resources on " +
			"the given nodes, the highest priority first (`strict`: only there); a `resource-affinity` rule keeps its resources together " +
			"(`positive`) or on different nodes (`negative`). The resources must be HA resources (`homelab_proxmox_ha_resource`); PVE refuses " +
			"rules it cannot satisfy, e.g. a resource in two node affinity rules.\n\nImport takes the rule id.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The rule id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"rule": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validate.Regex(haRuleIDRe, "rule id (a letter, then letters, digits, - and _)")},
				MarkdownDescription: "Rule id, e.g. `vault-1-on-s1`."},
			"type": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.OneOf("node-affinity", "resource-affinity")},
				MarkdownDescription: "`node-affinity` or `resource-affinity`."},
			"resources": schema.SetAttribute{ElementType: types.StringType, Required: true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(vHASID())},
				MarkdownDescription: "The HA resources (sids) the rule applies to."},
			"nodes": schema.MapAttribute{ElementType: types.Int64Type, Optional: true,
				Validators: []validator.Map{mapvalidator.SizeAtLeast(1), mapvalidator.KeysAre(vNode()),
					mapvalidator.ValueInt64sAre(int64validator.AtLeast(0))},
				MarkdownDescription: "`node-affinity`: node name to priority (higher first; 0 the lowest), e.g. `{ \"pve-s1\" = 2, \"pve-s2\" = 1 }`."},
			"strict": schema.BoolAttribute{Optional: true,
				MarkdownDescription: "`node-affinity`: run only on the listed nodes (otherwise they are preferred). PVE's default is non-strict."},
			"affinity": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("positive", "negative")},
				MarkdownDescription: "`resource-affinity`: `positive` (together) or `negative` (apart)."},
			"disable": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Disable the rule (it stays configured)."},
			"comment": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthBetween(1, 4096),
				validate.Regex(singleLineRe, "single line of text")}, MarkdownDescription: "Description."},
		},
	}
}

var _ resource.ResourceWithValidateConfig = &haRuleResource{}

// ValidateConfig checks what the rule plugins would refuse: options of the
// other type, a missing nodes or affinity, a resource affinity rule of one
// resource.
func (r *haRuleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m haRuleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Type.IsUnknown() || m.Type.IsNull() {
		return
	}
	typ := m.Type.ValueString()
	notFor := func(attr string, set bool) {
		if set {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Attribute not used by this rule type",
				fmt.Sprintf("`%s` does not apply to a %s rule (PVE would refuse it as an unexpected property).", attr, typ))
		}
	}
	switch typ {
	case "node-affinity":
		notFor("affinity", !m.Affinity.IsNull())
		if m.Nodes.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("nodes"), "Missing nodes", "A node-affinity rule needs `nodes`.")
		}
	case "resource-affinity":
		notFor("nodes", !m.Nodes.IsNull())
		notFor("strict", !m.Strict.IsNull())
		if m.Affinity.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("affinity"), "Missing affinity", "A resource-affinity rule needs `affinity` (`positive` or `negative`).")
		}
		if !m.Resources.IsUnknown() && !m.Resources.IsNull() && len(m.Resources.Elements()) < 2 {
			resp.Diagnostics.AddAttributeError(path.Root("resources"), "Too few resources",
				"A resource-affinity rule relates two or more resources (PVE calls a rule of one ineffective).")
		}
	}
}
