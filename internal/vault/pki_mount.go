package vault

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// pkiMountResource is a PKI secrets engine mount. Changing its path moves the
// mount with sys/remount, keeping its issuers, keys and roles.
type pkiMountResource struct{ pkiBase }

type pkiMountModel struct {
	ID              types.String `tfsdk:"id"`
	Path            types.String `tfsdk:"path"`
	Description     types.String `tfsdk:"description"`
	DefaultLeaseTTL types.String `tfsdk:"default_lease_ttl"`
	MaxLeaseTTL     types.String `tfsdk:"max_lease_ttl"`
	Accessor        types.String `tfsdk:"accessor"`
}

var (
	_ resource.ResourceWithImportState    = &pkiMountResource{}
	_ resource.ResourceWithModifyPlan     = &pkiMountResource{}
	_ resource.ResourceWithValidateConfig = &pkiMountResource{}
)

func newPKIMountResource() resource.Resource {
	return &pkiMountResource{pkiBase{typeName: "homelab_vault_pki_mount"}}
}

func (r *pkiMountResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vault_pki_mount"
}

func (r *pkiMountResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Version: 0, // bump with a state upgrader and its test (TestSchemaVersions)
		MarkdownDescription: "A Vault PKI secrets engine mount (`sys/mounts/<path>`, type `pki`). " +
			"Changing `path` moves the mount in place (`sys/remount`), keeping its issuers, keys and roles. " +
			"Destroying it unmounts the engine, which deletes everything in it. " +
			"The CA, role, URL and certificate resources whose `mount` refers to this resource's `path` follow the move " +
			"in place (same issuers, keys and certificates).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The mount path.",
			},
			"path": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Where the engine is mounted, e.g. `pki` or `pki_int`. Changing it moves the mount in place.",
				Validators:          []validator.String{mountPathValidator()},
			},
			"description": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Human-readable description of the mount.",
			},
			"default_lease_ttl": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Default TTL of certificates issued from this mount when neither the request nor the role sets one " +
					"(`720h`, `30d`). Unset uses Vault's system default.",
				Validators: []validator.String{ttlValidator()},
			},
			"max_lease_ttl": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Longest TTL a certificate of this mount may have, CAs included (`87600h`). " +
					"Unset uses Vault's system default (32 days), too short for a CA.",
				Validators: []validator.String{ttlValidator()},
			},
			"accessor": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Vault's accessor of the mount.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *pkiMountResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m pkiMountModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	def, max := ttlSeconds(m.DefaultLeaseTTL), ttlSeconds(m.MaxLeaseTTL)
	if def > 0 && max > 0 && def > max {
		resp.Diagnostics.AddAttributeError(path.Root("default_lease_ttl"), "default_lease_ttl is longer than max_lease_ttl",
			fmt.Sprintf("default_lease_ttl (%s) must not exceed max_lease_ttl (%s)", m.DefaultLeaseTTL.ValueString(), m.MaxLeaseTTL.ValueString()))
	}
}

// ModifyPlan keeps id equal to path, so a move shows the new id in the plan.
func (r *pkiMountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var p, old types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("path"), &p)...)
	if !p.IsUnknown() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), p)...)
	}
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("path"), &old)...)
		if !p.IsUnknown() && !old.Equal(p) {
			recordMountMove(r.data, old.ValueString(), p.ValueString())
		}
	}
}

func mountTTL(v types.String, unset string) string {
	if v.IsNull() || v.IsUnknown() {
		return unset
	}
	return fmt.Sprintf("%ds", ttlSeconds(v))
}

func (r *pkiMountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan pkiMountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	p := plan.Path.ValueString()
	cfg := map[string]any{}
	if s := mountTTL(plan.DefaultLeaseTTL, ""); s != "" {
		cfg["default_lease_ttl"] = s
	}
	if s := mountTTL(plan.MaxLeaseTTL, ""); s != "" {
		cfg["max_lease_ttl"] = s
	}
	body := map[string]any{"type": "pki", "description": plan.Description.ValueString(), "config": cfg}
	if _, err := c.Logical().WriteWithContext(ctx, "sys/mounts/"+p, body); err != nil {
		at := path.Path{}
		if errContains(err, "path is already in use", "existing mount") {
			at = path.Root("path")
			err = fmt.Errorf("%s\n\nA mount already exists at %q: import it (`tofu import homelab_vault_pki_mount.<name> %s`) "+
				"or choose another path", vaultErrText(err), p, p)
		}
		r.fail(&resp.Diagnostics, at, fmt.Sprintf("mounting the PKI engine at %q failed", p), err)
		return
	}
	r.read(ctx, c, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// read refreshes m from Vault; it returns false when the mount is gone.
func (r *pkiMountResource) read(ctx context.Context, c *Client, m *pkiMountModel, diags *diag.Diagnostics) bool {
	p := m.Path.ValueString()
	mi, err := mountInfo(ctx, c, p)
	if err != nil {
		diags.AddError(r.typeName+": reading mount "+p+" failed", vaultErrText(err))
		return false
	}
	if mi == nil {
		return false
	}
	if mi.Type != "pki" {
		diags.AddError(r.typeName+": wrong engine type",
			fmt.Sprintf("the secrets engine at %q is of type %q, not pki", p, mi.Type))
		return false
	}
	m.ID = types.StringValue(p)
	if mi.Description != "" || !m.Description.IsNull() { // "" is null when unset
		m.Description = types.StringValue(mi.Description)
	}
	m.DefaultLeaseTTL = ttlFromVault(m.DefaultLeaseTTL, int64(mi.Config.DefaultLeaseTTL))
	m.MaxLeaseTTL = ttlFromVault(m.MaxLeaseTTL, int64(mi.Config.MaxLeaseTTL))
	m.Accessor = types.StringValue(mi.Accessor)
	return true
}

func (r *pkiMountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state pkiMountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	if !r.read(ctx, c, &state, &resp.Diagnostics) {
		if !resp.Diagnostics.HasError() {
			resp.State.RemoveResource(ctx)
		}
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *pkiMountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state pkiMountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	from, to := state.Path.ValueString(), plan.Path.ValueString()
	if from != to {
		if err := c.Sys().RemountWithContext(ctx, from, to); err != nil {
			r.fail(&resp.Diagnostics, path.Root("path"), fmt.Sprintf("moving mount %q to %q failed", from, to), err)
			return
		}
	}
	body := map[string]any{
		"description":       plan.Description.ValueString(),
		"default_lease_ttl": mountTTL(plan.DefaultLeaseTTL, "system"),
		"max_lease_ttl":     mountTTL(plan.MaxLeaseTTL, "system"),
	}
	if _, err := c.Logical().WriteWithContext(ctx, "sys/mounts/"+to+"/tune", body); err != nil {
		at := path.Path{}
		switch {
		case errContains(err, "default_lease_ttl", "default lease"):
			at = path.Root("default_lease_ttl")
		case errContains(err, "max_lease_ttl", "max lease"):
			at = path.Root("max_lease_ttl")
		}
		r.fail(&resp.Diagnostics, at, fmt.Sprintf("tuning mount %q failed", to), err)
		return
	}
	if !r.read(ctx, c, &plan, &resp.Diagnostics) {
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.AddError(r.typeName+": mount disappeared", fmt.Sprintf("mount %q is gone right after the update", to))
		}
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *pkiMountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state pkiMountModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	c := r.vault(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || c == nil {
		return
	}
	if err := c.Sys().UnmountWithContext(ctx, state.Path.ValueString()); err != nil && statusCode(err) != 404 {
		r.fail(&resp.Diagnostics, path.Path{}, fmt.Sprintf("unmounting %q failed", state.Path.ValueString()), err)
	}
}

func (r *pkiMountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	p := strings.Trim(req.ID, "/")
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("path"), p)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), p)...)
}
