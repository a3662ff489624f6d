package proxmox

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// storageType describes one storage plugin of pve-storage as this resource
// manages it: the attributes it takes (and which it requires), the content
// types it holds and the content PVE gives it when none is configured
// (plugindata), and whether it is always shared (@SHARED_STORAGE).
type storageType struct {
	required   []string
	optional   []string
	content    []string
	defContent []string
	shared     bool
	emptyOK    bool // content may be empty ("none")
}

var fileContentTypes = []string{"backup", "images", "import", "iso", "rootdir", "snippets", "vztmpl"}

var storageTypes = map[string]storageType{
	"dir": {required: []string{"path"}, optional: []string{"shared", "prune_backups"},
		content: fileContentTypes, defContent: []string{"images", "rootdir"}, emptyOK: true},
	"nfs": {required: []string{"server", "export"}, optional: []string{"path", "options", "prune_backups"},
		content: fileContentTypes, defContent: []string{"images"}, shared: true},
	"cifs": {required: []string{"server", "share"}, optional: []string{"path", "subdir", "username", "password", "password_version", "domain", "smbversion", "options", "prune_backups"},
		content: fileContentTypes, defContent: []string{"images"}, shared: true},
	"pbs": {required: []string{"server", "datastore"}, optional: []string{"username", "password", "password_version", "fingerprint", "namespace", "prune_backups"},
		content: []string{"backup"}, defContent: []string{"backup"}, shared: true, emptyOK: true},
	"lvmthin": {required: []string{"vgname", "thinpool"},
		content: []string{"images", "rootdir"}, defContent: []string{"images", "rootdir"}},
}

// typeSpecific are the attributes only some types take.
var typeSpecific = []string{"path", "server", "export", "share", "subdir", "options", "username", "password", "password_version",
	"domain", "smbversion", "datastore", "fingerprint", "namespace", "vgname", "thinpool", "shared", "prune_backups"}

func storageTypeNames() []string {
	var out []string
	for k := range storageTypes {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

var (
	fingerprintRe = regexp.MustCompile(`^([A-Fa-f0-9]{2}:){31}[A-Fa-f0-9]{2}$`)
	absPathRe     = regexp.MustCompile(`^/[^;()]+$`)
	mountOptsRe   = regexp.MustCompile(`^\S+$`)
)

func (r *storageResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keepN := func(what string) schema.Int64Attribute {
		return schema.Int64Attribute{Optional: true, MarkdownDescription: "Keep the backups of the last N different " + what + ".",
			Validators: []validator.Int64{int64validator.AtLeast(0)}}
	}
	only := func(types ...string) string { return " (" + strings.Join(types, ", ") + ")" }
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released (state_upgrade_test.go).
		Version: 0,
		MarkdownDescription: "A storage of the cluster (`/storage`, storage.cfg): `nfs`, `dir`, `lvmthin`, `cifs` or `pbs`.\n\n" +
			"The options PVE fixes at creation (`type`, `path`, `server`, `export`, `share`, `datastore`, `vgname`, `thinpool`) replace the storage " +
			"when changed; every other one changes in place. Destroying the resource removes the definition only: PVE leaves the data on the " +
			"server or disk. A storage that already exists is never taken over by a create: import it (`tofu import` or an `import` block with " +
			"the storage id).\n\nPasswords (`cifs`, `pbs`) are write-only: PVE keeps them in `/etc/pve/priv` and never returns them; they are sent " +
			"at creation and again whenever `password_version` changes.",
		Attributes: map[string]schema.Attribute{
			"timeouts": timeoutsAttribute(ctx),
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The storage id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"storage": schema.StringAttribute{Required: true, PlanModifiers: replace, Validators: []validator.String{vStorage()},
				MarkdownDescription: "Storage id, e.g. `nas`."},
			"type": schema.StringAttribute{Required: true, PlanModifiers: replace, Validators: []validator.String{stringvalidator.OneOf(storageTypeNames()...)},
				MarkdownDescription: "`nfs`, `dir`, `lvmthin`, `cifs` or `pbs`."},
			"content": schema.SetAttribute{ElementType: types.StringType, Optional: true, Computed: true,
				Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(fileContentTypes...))},
				MarkdownDescription: "Content types: `images` (VM disks), `rootdir` (container volumes), `vztmpl`, `iso`, `backup`, `snippets`, `import`. " +
					"Without it PVE's default of the type: `images` and `rootdir` (dir, lvmthin), `images` (nfs, cifs), `backup` (pbs)."},
			"nodes": schema.SetAttribute{ElementType: types.StringType, Optional: true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(vNode())},
				MarkdownDescription: "The nodes the storage is available on; all nodes when unset."},
			"shared": schema.BoolAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Whether the storage holds the same content on every node. Settable for `dir` (a directory on a shared file system); " +
					"`nfs`, `cifs` and `pbs` are always shared, `lvmthin` never."},
			"disable": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Disable the storage (its definition stays)."},
			"prune_backups": schema.SingleNestedAttribute{Optional: true,
				MarkdownDescription: "Backup retention of the storage" + only("dir", "nfs", "cifs", "pbs") + "; `keep_all` or any of the `keep_*` counts.",
				Attributes: map[string]schema.Attribute{
					"keep_all":     schema.BoolAttribute{Optional: true, MarkdownDescription: "Keep all backups (conflicts with the counts)."},
					"keep_last":    schema.Int64Attribute{Optional: true, MarkdownDescription: "Keep the last N backups.", Validators: []validator.Int64{int64validator.AtLeast(0)}},
					"keep_hourly":  keepN("hours"),
					"keep_daily":   keepN("days"),
					"keep_weekly":  keepN("weeks"),
					"keep_monthly": keepN("months"),
					"keep_yearly":  keepN("years"),
				}},
			"path": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: replace, Validators: []validator.String{validate.Regex(absPathRe, "absolute path")},
				MarkdownDescription: "Directory of the storage: required for `dir`; for `nfs` and `cifs` the mount point, `/mnt/pve/<storage>` by default."},
			"server": schema.StringAttribute{Optional: true, PlanModifiers: replace, Validators: []validator.String{vServer()},
				MarkdownDescription: "Server name or IP address" + only("nfs", "cifs", "pbs") + "."},
			"export": schema.StringAttribute{Optional: true, PlanModifiers: replace, Validators: []validator.String{validate.Regex(absPathRe, "absolute path")},
				MarkdownDescription: "NFS export path" + only("nfs") + "."},
			"options": schema.StringAttribute{Optional: true, Validators: []validator.String{validate.Regex(mountOptsRe, "mount option list (no spaces)")},
				MarkdownDescription: "Mount options" + only("nfs", "cifs") + ", e.g. `vers=4.2` for the NFS version."},
			"share":  schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "CIFS share" + only("cifs") + "."},
			"subdir": schema.StringAttribute{Optional: true, Validators: []validator.String{validate.Regex(absPathRe, "absolute path")}, MarkdownDescription: "Subdirectory of the share to mount" + only("cifs") + "."},
			"username": schema.StringAttribute{Optional: true, MarkdownDescription: "User name" + only("cifs", "pbs") + ", e.g. `backup@pbs` or `backup@pbs!token`.",
				Validators: []validator.String{stringvalidator.LengthBetween(1, 256)}},
			"password": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 256)},
				MarkdownDescription: "Password or API token secret" + only("cifs", "pbs") + ", write-only: sent at creation and whenever `password_version` changes."},
			"password_version": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "Change it to send `password` again (PVE does not return the password, so a changed password alone changes nothing)."},
			"domain": schema.StringAttribute{Optional: true, MarkdownDescription: "CIFS domain" + only("cifs") + ".", Validators: []validator.String{stringvalidator.LengthBetween(1, 256)}},
			"smbversion": schema.StringAttribute{Optional: true, MarkdownDescription: "SMB version" + only("cifs") + ": `default`, `2.0`, `2.1`, `3`, `3.0`, `3.11`.",
				Validators: []validator.String{stringvalidator.OneOf("default", "2.0", "2.1", "3", "3.0", "3.11")}},
			"datastore": schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "Proxmox Backup Server datastore" + only("pbs") + "."},
			"fingerprint": schema.StringAttribute{Optional: true, Validators: []validator.String{validate.Regex(fingerprintRe, "SHA-256 fingerprint (32 hex pairs separated by colons)")},
				MarkdownDescription: "SHA-256 fingerprint of the backup server's certificate" + only("pbs") + "."},
			"namespace": schema.StringAttribute{Optional: true, MarkdownDescription: "Backup server namespace" + only("pbs") + "."},
			"vgname":    schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "LVM volume group" + only("lvmthin") + ", e.g. `pve`."},
			"thinpool":  schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "LVM thin pool" + only("lvmthin") + ", e.g. `data`."},
		},
	}
}

var serverNameRe = regexp.MustCompile(`^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*|[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)$`)

func vServer() validator.String {
	return validate.Regex(serverNameRe, "server name or IP address")
}

var _ resource.ResourceWithValidateConfig = &storageResource{}

// ValidateConfig checks at plan time what pve-storage's plugin would
// refuse: an attribute of another type, a required one missing, a content
// type the plugin cannot hold, keep_all with counts.
func (r *storageResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m storageCfgModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.Type.IsUnknown() || m.Type.IsNull() {
		return
	}
	typ := m.Type.ValueString()
	spec, ok := storageTypes[typ]
	if !ok {
		return
	}
	set := m.configured()
	for _, a := range typeSpecific {
		if set[a] == cfgSet && !slices.Contains(spec.required, a) && !slices.Contains(spec.optional, a) {
			resp.Diagnostics.AddAttributeError(path.Root(a), "Attribute not used by this storage type",
				fmt.Sprintf("`%s` does not apply to a storage of type %q (PVE would refuse it as an unexpected property)%s.", a, typ, sharedHint(a, typ)))
		}
	}
	for _, a := range spec.required {
		if set[a] == cfgNull {
			resp.Diagnostics.AddAttributeError(path.Root(a), "Missing required attribute",
				fmt.Sprintf("A storage of type %q needs `%s`.", typ, a))
		}
	}
	if !m.Content.IsNull() && !m.Content.IsUnknown() {
		var list []string
		resp.Diagnostics.Append(m.Content.ElementsAs(ctx, &list, false)...)
		for _, c := range list {
			if !slices.Contains(spec.content, c) {
				resp.Diagnostics.AddAttributeError(path.Root("content"), "Content type not supported",
					fmt.Sprintf("A storage of type %q cannot hold %q; it takes %s.", typ, c, strings.Join(spec.content, ", ")))
			}
		}
		if len(list) == 0 && !spec.emptyOK {
			resp.Diagnostics.AddAttributeError(path.Root("content"), "Content needed",
				fmt.Sprintf("A storage of type %q needs at least one content type.", typ))
		}
	}
	if pb := m.PruneBackups; pb != nil && pb.String() == "" && pb.known() {
		resp.Diagnostics.AddAttributeError(path.Root("prune_backups"), "Empty retention",
			"Set `keep_all = true` or at least one `keep_*` count, or leave `prune_backups` out.")
	}
	if pb := m.PruneBackups; pb != nil && pb.KeepAll.ValueBool() && pb.anyCount() {
		resp.Diagnostics.AddAttributeError(path.Root("prune_backups").AtName("keep_all"), "Conflicting retention",
			"`keep_all = true` cannot be combined with `keep_*` counts (PVE refuses it).")
	}
	if !m.PasswordVersion.IsNull() && m.Password.IsNull() && !m.Password.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("password_version"), "Missing password",
			"`password_version` only says when to send `password` again; set `password` too.")
	}
}

func sharedHint(attr, typ string) string {
	if attr == "shared" && storageTypes[typ].shared {
		return "; " + typ + " storages are always shared"
	}
	return ""
}

var _ resource.ResourceWithModifyPlan = &storageResource{}

// ModifyPlan plans the values PVE fills in itself, so a plan never shows
// them as unknown: the type's default content, whether it is shared, the
// mount point of nfs and cifs, the id.
func (r *storageResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, config storageCfgModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || plan.Type.IsUnknown() || plan.Storage.IsUnknown() {
		return
	}
	spec := storageTypes[plan.Type.ValueString()]
	plan.ID = plan.Storage
	if config.Content.IsNull() {
		plan.Content = stringSet(spec.defContent)
	}
	if config.Shared.IsNull() {
		plan.Shared = types.BoolValue(spec.shared)
	}
	if config.Path.IsNull() {
		switch plan.Type.ValueString() {
		case "nfs", "cifs":
			plan.Path = types.StringValue("/mnt/pve/" + plan.Storage.ValueString())
		default:
			plan.Path = types.StringNull()
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func stringSet(list []string) types.Set {
	vals := make([]attr.Value, len(list))
	for i, s := range list {
		vals[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, vals)
}
