package proxmox

import (
	"context"
	"regexp"

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

// backupJobIDRe is pve-configid ($CONFIGID_RE), at most 50 characters.
var (
	backupJobIDRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]{1,49}$`)
	singleLineRe  = regexp.MustCompile(`^[^\n\r]+$`)
	mailRe        = regexp.MustCompile(`^([^\s@,;]+@[^\s@,;]+|[^\s@,;:/]+)$`)
)

// pruneBackupsAttribute is the retention block of backup jobs.
func pruneBackupsAttribute(desc string) schema.SingleNestedAttribute {
	keep := func(what string) schema.Int64Attribute {
		return schema.Int64Attribute{Optional: true, MarkdownDescription: "Keep the backups of the last N different " + what + ".",
			Validators: []validator.Int64{int64validator.AtLeast(0)}}
	}
	return schema.SingleNestedAttribute{Optional: true, MarkdownDescription: desc,
		Attributes: map[string]schema.Attribute{
			"keep_all":     schema.BoolAttribute{Optional: true, MarkdownDescription: "Keep all backups (conflicts with the counts)."},
			"keep_last":    schema.Int64Attribute{Optional: true, MarkdownDescription: "Keep the last N backups.", Validators: []validator.Int64{int64validator.AtLeast(0)}},
			"keep_hourly":  keep("hours"),
			"keep_daily":   keep("days"),
			"keep_weekly":  keep("weeks"),
			"keep_monthly": keep("months"),
			"keep_yearly":  keep("years"),
		}}
}

func (r *backupJobResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	vmidSet := func(desc string) schema.SetAttribute {
		return schema.SetAttribute{ElementType: types.Int64Type, Optional: true, MarkdownDescription: desc,
			Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueInt64sAre(int64validator.Between(100, 999999999))}}
	}
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released (state_upgrade_test.go).
		Version: 0,
		MarkdownDescription: "A scheduled backup job of the cluster (`/cluster/backup`, vzdump). It selects guests in one of three ways: " +
			"`vmids`, a `pool`, or `all = true` (optionally with `exclude`). The schedule is a calendar event as PVE takes it, checked at plan " +
			"time: `daily`, `sat 02:00`, `mon..fri 22:30`, `*-*-* 03:00`, `*/30`.\n\nImport takes the job id (`tofu import` or an `import` block).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The job id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"job_id": schema.StringAttribute{Optional: true, Computed: true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace(), stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{validate.Regex(backupJobIDRe, "job id (a letter, then letters, digits, - and _; up to 50)")},
				MarkdownDescription: "Job id, e.g. `nightly`; `backup-<random>` (as the web UI names jobs) when unset."},
			"schedule": schema.StringAttribute{Required: true, Validators: []validator.String{vCalendarEvent()},
				MarkdownDescription: "When the job runs: a calendar event (`[weekdays] [[YYYY-]MM-DD] [HH:MM[:SS]]`, e.g. `sat 02:00`, or `daily`, `weekly`)."},
			"enabled": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Whether the job runs on its schedule."},
			"storage": schema.StringAttribute{Optional: true, Validators: []validator.String{vStorage()},
				MarkdownDescription: "Storage the backups go to (with content `backup`); vzdump's default (`local`) when unset."},
			"node": schema.StringAttribute{Optional: true, Validators: []validator.String{vNode()},
				MarkdownDescription: "Run the job on this node only (for the guests running there); every node when unset."},
			"mode": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("snapshot", "suspend", "stop")},
				MarkdownDescription: "`snapshot` (PVE's default when unset), `suspend` or `stop`."},
			"compress": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("0", "1", "gzip", "lzo", "zstd")},
				MarkdownDescription: "Compression: `zstd`, `gzip`, `lzo`, `1` (lzo) or `0` (none, PVE's default when unset)."},
			"vmids": vmidSet("The guests to back up (conflicts with `pool` and `all`)."),
			"pool": schema.StringAttribute{Optional: true, Validators: []validator.String{validate.Regex(poolRe, "pool id")},
				MarkdownDescription: "Back up the guests of this pool (conflicts with `vmids` and `all`)."},
			"all": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Back up every guest of the cluster (conflicts with `vmids` and `pool`); `exclude` leaves some out."},
			"exclude":       vmidSet("Guests left out of `all` or of a `pool`."),
			"prune_backups": pruneBackupsAttribute("Retention of this job's backups, instead of the storage's: `keep_all` or any of the `keep_*` counts."),
			"notes_template": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthBetween(1, 1024),
				validate.StringFunc("notes template", notesTemplateProblem)},
				MarkdownDescription: "Notes of each backup: text with `{{cluster}}`, `{{guestname}}`, `{{node}}`, `{{vmid}}`; `\\n` for a line break. Needs `storage`."},
			"mailto": schema.SetAttribute{ElementType: types.StringType, Optional: true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validate.Regex(mailRe, "email address or user name"))},
				MarkdownDescription: "Email addresses or users to notify."},
			"mailnotification": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("always", "failure")},
				MarkdownDescription: "When to send mail: `always` (PVE's default when unset) or `failure`."},
			"comment": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthBetween(1, 512),
				validate.Regex(singleLineRe, "single line of text")}, MarkdownDescription: "Description of the job."},
		},
	}
}

var _ resource.ResourceWithValidateConfig = &backupJobResource{}

// ValidateConfig checks what verify_vzdump_parameters would refuse: no
// selection or two of them, exclude without all or a pool, a notes template
// without storage, keep_all with counts.
func (r *backupJobResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m backupJobModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.VMIDs.IsUnknown() || m.Pool.IsUnknown() || m.All.IsUnknown() || m.Exclude.IsUnknown() {
		return
	}
	n := 0
	for _, set := range []bool{!m.VMIDs.IsNull(), !m.Pool.IsNull(), m.All.ValueBool()} {
		if set {
			n++
		}
	}
	switch {
	case n == 0:
		resp.Diagnostics.AddAttributeError(path.Root("vmids"), "No guests selected",
			"A backup job needs one selection: `vmids`, `pool`, or `all = true`.")
	case n > 1:
		resp.Diagnostics.AddAttributeError(path.Root("vmids"), "Conflicting selection",
			"Use only one of `vmids`, `pool` and `all = true` (PVE refuses the combination).")
	}
	if !m.Exclude.IsNull() && !m.All.ValueBool() && m.Pool.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("exclude"), "Exclude without all",
			"`exclude` leaves guests out of `all = true` or of a `pool`; set one of them (PVE would back up every guest).")
	}
	if !m.NotesTemplate.IsNull() && m.Storage.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("notes_template"), "Notes template needs a storage",
			"PVE takes `notes_template` only together with `storage`.")
	}
	if pb := m.PruneBackups; pb != nil {
		if pb.String() == "" && pb.known() {
			resp.Diagnostics.AddAttributeError(path.Root("prune_backups"), "Empty retention",
				"Set `keep_all = true` or at least one `keep_*` count, or leave `prune_backups` out.")
		}
		if pb.KeepAll.ValueBool() && pb.anyCount() {
			resp.Diagnostics.AddAttributeError(path.Root("prune_backups").AtName("keep_all"), "Conflicting retention",
				"`keep_all = true` cannot be combined with `keep_*` counts (PVE refuses it).")
		}
	}
}
