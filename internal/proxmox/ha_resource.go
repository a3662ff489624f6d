package proxmox

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure   = &haResourceResource{}
	_ resource.ResourceWithImportState = &haResourceResource{}
)

func newHAResourceResource() resource.Resource { return &haResourceResource{} }

type haResourceResource struct{ data *providerdata.Data }

func (r *haResourceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_ha_resource"
}

func (r *haResourceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func haResourcePath(sid string) string { return "/cluster/ha/resources/" + url.PathEscape(sid) }

func haResourceAttr(param string) (path.Path, bool) {
	switch param {
	case "sid", "state", "max_restart", "max_relocate", "failback", "comment":
		return path.Root(param), true
	}
	return path.Path{}, false
}

// addHAResourceRefusal places PVE's refusals about the guest itself
// ("resource 'ct:N' does not exist in cluster", "... is not a container")
// on sid, the others as addRefusal does.
func addHAResourceRefusal(diags *diag.Diagnostics, what string, err error) {
	if msg := err.Error(); strings.Contains(msg, "does not exist in cluster") || strings.Contains(msg, "guest with ID") {
		diags.AddAttributeError(path.Root("sid"), what+" failed",
			"The guest does not exist or is of the other type (`ct:` for containers, `vm:` for VMs).\n\n"+msg)
		return
	}
	addRefusal(diags, what, err, haResourceAttr)
}

func (r *haResourceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m haResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	sid := m.SID.ValueString()
	params := map[string]any{"sid": sid}
	for k, v := range m.toAPI() {
		params[k] = v
	}
	what := fmt.Sprintf("Creating HA resource %q (homelab_proxmox_ha_resource)", sid)
	if _, err := c.Post(ctx, "/cluster/ha/resources", params); err != nil {
		if strings.Contains(err.Error(), "already defined") {
			resp.Diagnostics.AddAttributeError(path.Root("sid"), what+" failed",
				fmt.Sprintf("The guest is already an HA resource; a create never takes it over. Import it instead "+
					"(`import { to = homelab_proxmox_ha_resource.<name>  id = %q }`).\n\n%v", sid, err))
			return
		}
		addHAResourceRefusal(&resp.Diagnostics, what, err)
		return
	}
	m.ID = m.SID
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *haResourceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m haResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	sid := m.SID.ValueString()
	if sid == "" {
		sid = m.ID.ValueString()
	}
	e, ok := getClusterObject(ctx, c, haResourcePath(sid), fmt.Sprintf("Reading HA resource %q", sid), NotFound, resp)
	if !ok {
		return
	}
	m.fromAPI(e)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *haResourceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state haResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	sid := state.SID.ValueString()
	if err := putClusterChanges(ctx, c, haResourcePath(sid), state.toAPI(), plan.toAPI(), nil); err != nil {
		addHAResourceRefusal(&resp.Diagnostics, fmt.Sprintf("Updating HA resource %q (homelab_proxmox_ha_resource)", sid), err)
		return
	}
	plan.ID = plan.SID
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *haResourceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteClusterObject(ctx, r.data, req, resp, func(m *haResourceModel) (string, string) {
		id := m.SID.ValueString()
		return haResourcePath(id), fmt.Sprintf("HA resource %q (homelab_proxmox_ha_resource)", id)
	}, nil)
}

// ImportState takes the sid ("ct:1005", "vm:2001").
func (r *haResourceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !haSIDRe.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q: use the sid, e.g. `ct:1005` or `vm:2001`", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("sid"), req.ID)...)
}
