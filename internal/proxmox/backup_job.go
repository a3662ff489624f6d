package proxmox

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure   = &backupJobResource{}
	_ resource.ResourceWithImportState = &backupJobResource{}
)

func newBackupJobResource() resource.Resource { return &backupJobResource{} }

type backupJobResource struct{ data *providerdata.Data }

func (r *backupJobResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_backup_job"
}

func (r *backupJobResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func backupJobPath(id string) string { return "/cluster/backup/" + url.PathEscape(id) }

// backupJobAttr maps a vzdump job option to the attribute holding it.
func backupJobAttr(param string) (path.Path, bool) {
	switch param {
	case "id":
		return path.Root("job_id"), true
	case "vmid":
		return path.Root("vmids"), true
	case "prune-backups":
		return path.Root("prune_backups"), true
	case "notes-template":
		return path.Root("notes_template"), true
	case "schedule", "enabled", "storage", "node", "mode", "compress", "pool", "all", "exclude", "mailto", "mailnotification", "comment":
		return path.Root(param), true
	}
	return path.Path{}, false
}

// addBackupJobRefusal is addRefusal, also placing PVE's refusal of an
// unknown pool (a permission error naming no parameter) on `pool`.
func addBackupJobRefusal(diags *diag.Diagnostics, what string, err error) {
	if strings.Contains(err.Error(), "pool '") && strings.Contains(err.Error(), "does not exist") {
		diags.AddAttributeError(path.Root("pool"), what+" failed", "The pool does not exist: create it first "+
			"(homelab_proxmox_pool) or fix the name.\n\n"+err.Error())
		return
	}
	addRefusal(diags, what, err, backupJobAttr)
}

// backupJobGone reports PVE's answer for an unknown job: a parameter error
// "No such job" on id (GET, DELETE) or "no such vzdump job" (PUT).
func backupJobGone(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	if e.Status == http.StatusBadRequest && strings.Contains(e.Errors["id"], "No such job") {
		return true
	}
	return NotFound(err)
}

// newBackupJobID names a job as PVE's web UI does: backup-<12 hex digits>.
func newBackupJobID() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return fmt.Sprintf("backup-%x-%x", b[:4], b[4:])
}

func (r *backupJobResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m backupJobModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.JobID.ValueString()
	if m.JobID.IsUnknown() || id == "" {
		id = newBackupJobID()
	}
	params := map[string]any{"id": id}
	for k, v := range m.toAPI(ctx) {
		params[k] = v
	}
	what := fmt.Sprintf("Creating backup job %q (homelab_proxmox_backup_job)", id)
	if _, err := c.Post(ctx, "/cluster/backup", params); err != nil {
		if alreadyExists(err) {
			resp.Diagnostics.AddAttributeError(path.Root("job_id"), what+" failed",
				fmt.Sprintf("The cluster already has a backup job %q; a create never takes it over. Import it instead "+
					"(`import { to = homelab_proxmox_backup_job.<name>  id = %q }`).\n\n%v", id, id, err))
			return
		}
		addBackupJobRefusal(&resp.Diagnostics, what, err)
		return
	}
	m.JobID = types.StringValue(id)
	m.ID = m.JobID
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *backupJobResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m backupJobModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := m.JobID.ValueString()
	if id == "" {
		id = m.ID.ValueString()
	}
	e, ok := getClusterObject(ctx, c, backupJobPath(id), fmt.Sprintf("Reading backup job %q", id), backupJobGone, resp)
	if !ok {
		return
	}
	m.fromAPI(e)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *backupJobResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state backupJobModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	id := state.JobID.ValueString()
	if err := putClusterChanges(ctx, c, backupJobPath(id), state.toAPI(ctx), plan.toAPI(ctx), nil); err != nil {
		addBackupJobRefusal(&resp.Diagnostics, fmt.Sprintf("Updating backup job %q (homelab_proxmox_backup_job)", id), err)
		return
	}
	plan.JobID = state.JobID
	plan.ID = state.JobID
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *backupJobResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteClusterObject(ctx, r.data, req, resp, func(m *backupJobModel) (string, string) {
		id := m.JobID.ValueString()
		return backupJobPath(id), fmt.Sprintf("backup job %q (homelab_proxmox_backup_job)", id)
	}, backupJobGone)
}

// ImportState takes the job id.
func (r *backupJobResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if strings.TrimSpace(req.ID) == "" || strings.ContainsAny(req.ID, " \t/") || len(req.ID) > 50 {
		resp.Diagnostics.AddError("Invalid import id", fmt.Sprintf("%q: use the backup job id, e.g. `backup-5e1c2a3b-9f01`", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("job_id"), req.ID)...)
}
