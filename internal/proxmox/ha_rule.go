package proxmox

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure   = &haRuleResource{}
	_ resource.ResourceWithImportState = &haRuleResource{}
)

func newHARuleResource() resource.Resource { return &haRuleResource{} }

type haRuleResource struct{ data *providerdata.Data }

func (r *haRuleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_ha_rule"
}

func (r *haRuleResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func haRulePath(id string) string { return "/cluster/ha/rules/" + url.PathEscape(id) }

func haRuleAttr(param string) (path.Path, bool) {
	switch param {
	case "rule", "type", "resources", "nodes", "strict", "affinity", "disable", "comment":
		return path.Root(param), true
	}
	return path.Path{}, false
}

// addHARuleRefusal places PVE's refusals of a rule on the attribute they
// are about: unmanaged resources and infeasible rules ("Rule 'x' is
// invalid." then "resources: ...") on resources, unknown nodes on nodes.
func addHARuleRefusal(diags *diag.Diagnostics, what string, err error) {
	msg := err.Error()
	var ae *APIError
	if errors.As(err, &ae) {
		msg = ae.Message
	}
	switch {
	case strings.Contains(msg, "unmanaged resource"):
		diags.AddAttributeError(path.Root("resources"), what+" failed",
			"Every resource of a rule must be an HA resource first (homelab_proxmox_ha_resource; reference it so it is created before the rule).\n\n"+err.Error())
	case strings.Contains(msg, "non-existent node"):
		diags.AddAttributeError(path.Root("nodes"), what+" failed", err.Error())
	case strings.Contains(msg, "is invalid."):
		attr := "resources"
		for _, a := range []string{"nodes", "affinity", "strict"} {
			if strings.Contains(msg, "\n"+a+":") {
				attr = a
			}
		}
		diags.AddAttributeError(path.Root(attr), what+" failed", "PVE cannot satisfy the rule together with the other rules.\n\n"+err.Error())
	default:
		addRefusal(diags, what, err, haRuleAttr)
	}
}

func (r *haRuleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m haRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.Rule.ValueString()
	params := map[string]any{"rule": id, "type": m.Type.ValueString()}
	for k, v := range m.toAPI(ctx) {
		params[k] = v
	}
	what := fmt.Sprintf("Creating HA rule %q (homelab_proxmox_ha_rule)", id)
	if _, err := c.Post(ctx, "/cluster/ha/rules", params); err != nil {
		if strings.Contains(err.Error(), "already defined") {
			resp.Diagnostics.AddAttributeError(path.Root("rule"), what+" failed",
				fmt.Sprintf("The cluster already has an HA rule %q; a create never takes it over. Import it instead "+
					"(`import { to = homelab_proxmox_ha_rule.<name>  id = %q }`).\n\n%v", id, id, err))
			return
		}
		addHARuleRefusal(&resp.Diagnostics, what, err)
		return
	}
	m.ID = m.Rule
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *haRuleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m haRuleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.Rule.ValueString()
	if id == "" {
		id = m.ID.ValueString()
	}
	e, ok := getClusterObject(ctx, c, haRulePath(id), fmt.Sprintf("Reading HA rule %q", id), NotFound, resp)
	if !ok {
		return
	}
	m.fromAPI(e)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *haRuleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state haRuleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := state.Rule.ValueString()
	// PVE's rule update needs the rule's type with any change.
	always := map[string]any{"type": state.Type.ValueString()}
	if err := putClusterChanges(ctx, c, haRulePath(id), state.toAPI(ctx), plan.toAPI(ctx), always); err != nil {
		addHARuleRefusal(&resp.Diagnostics, fmt.Sprintf("Updating HA rule %q (homelab_proxmox_ha_rule)", id), err)
		return
	}
	plan.ID = plan.Rule
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *haRuleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteClusterObject(ctx, r.data, req, resp, func(m *haRuleModel) (string, string) {
		id := m.Rule.ValueString()
		return haRulePath(id), fmt.Sprintf("HA rule %q (homelab_proxmox_ha_rule)", id)
	}, nil)
}

// ImportState takes the rule id.
func (r *haRuleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !haRuleIDRe.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q: use the HA rule id, e.g. `vault-1-on-s1`", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("rule"), req.ID)...)
}
