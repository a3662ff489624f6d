package proxmox

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	tfpath "github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	// templateFileRe is a template file name PVE keeps as it is: only the
	// characters normalize_content_filename (pve-storage) leaves alone, and
	// a template extension ($VZTMPL_EXT_RE_1, case-insensitive).
	templateFileRe = regexp.MustCompile(`^[a-zA-Z0-9_.-]+\.(?i:tar(\.(gz|xz|zst|bz2))?)$`)
	unsafeFileRe   = regexp.MustCompile(`[^a-zA-Z0-9_.-]`)
	hexRe          = regexp.MustCompile(`^[0-9a-fA-F]+$`)
)

// checksumDigits is the length in hex digits of a checksum per algorithm.
var checksumDigits = map[string]int{"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}

// templateFileError explains why name is not a template file name PVE
// stores under that name, or returns nil. PVE does not refuse other names:
// it drops everything up to the last / or \ and replaces every character
// but letters, digits, _ . and - with _, so the volume would not be the one
// this resource expects.
func templateFileError(name string) error {
	switch {
	case strings.ContainsAny(name, `/\`):
		return fmt.Errorf("%q is a path; give a file name: PVE drops everything up to the last / or \\ (it would store %q)", name, normalizedFileName(name))
	case len(name) > 255:
		return fmt.Errorf("%q is longer than the 255 characters PVE accepts", name)
	case unsafeFileRe.MatchString(name):
		return fmt.Errorf("%q contains %q: PVE keeps only letters, digits, _, . and - in a file name and replaces the rest with _ (it would store %q)",
			name, unsafeFileRe.FindString(name), normalizedFileName(name))
	case !templateFileRe.MatchString(name):
		return fmt.Errorf("%q does not end in .tar, .tar.gz, .tar.xz, .tar.zst or .tar.bz2, which PVE requires of a container template", name)
	}
	return nil
}

// normalizedFileName is the name PVE would store (pve-storage's
// normalize_content_filename).
func normalizedFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return unsafeFileRe.ReplaceAllString(name, "_")
}

func vTemplateFile() validator.String {
	return validate.StringFunc("template file name", templateFileError)
}

func (r *lxcTemplateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	// The download source: PVE keeps none of it, so an import cannot fill
	// it in (sourceRequiresReplace).
	source := []planmodifier.String{sourceRequiresReplace()}
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released. A rename or a
		// changed type bumps it and adds an upgrader from 0
		// (ResourceWithUpgradeState); state_upgrade_test.go checks that no
		// upgrader exists yet and that a version 0 state reads back as it is.
		Version: 0,
		MarkdownDescription: "A container template on a storage: downloaded from the appliance list (`template`) or from a URL " +
			"(`url`, optionally verified with `checksum`). A template already on the storage is adopted, not downloaded again; destroy removes the volume.\n\n" +
			"Import takes `node/storage:vztmpl/file`. PVE does not record a template's source: a file of the node's appliance list is imported as `template`, " +
			"any other as `file_name`; the first apply after the import records the configured `url` and `checksum` in place, without downloading again.",
		Attributes: map[string]schema.Attribute{
			"timeouts": timeoutsAttribute(ctx),
			"id":       schema.StringAttribute{Computed: true, MarkdownDescription: "`node/volid`.", PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"node":     schema.StringAttribute{Required: true, Validators: []validator.String{vNode()}, PlanModifiers: replace},
			"storage":  schema.StringAttribute{Required: true, MarkdownDescription: "Storage with `vztmpl` content, e.g. `local`.", Validators: []validator.String{vStorage()}, PlanModifiers: replace},
			"template": schema.StringAttribute{Optional: true, PlanModifiers: source,
				MarkdownDescription: "Appliance file name from the node's appliance list (see the `homelab_proxmox_lxc_templates` data source), e.g. `ubuntu-24.04-standard_24.04-2_amd64.tar.zst`.",
				Validators:          []validator.String{vTemplateFile()}},
			"url": schema.StringAttribute{Optional: true, PlanModifiers: source, MarkdownDescription: "HTTP(S) URL to download the template from.",
				Validators: []validator.String{validate.StringFunc("URL", func(s string) error {
					u, err := url.Parse(s)
					if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
						return fmt.Errorf("%q is not an http(s) URL", s)
					}
					return nil
				})}},
			"file_name": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: append([]planmodifier.String{stringplanmodifier.UseStateForUnknown()}, source...),
				MarkdownDescription: "File name on the storage (with `url`; defaults to the URL's last path element): letters, digits, `_`, `.` and `-` " +
					"(no path: PVE would rename anything else), ending in `.tar`, `.tar.gz`, `.tar.xz`, `.tar.zst` or `.tar.bz2`.",
				Validators: []validator.String{vTemplateFile()}},
			"checksum": schema.StringAttribute{Optional: true, PlanModifiers: source,
				MarkdownDescription: "Expected checksum (hex) of the downloaded file: 32 hex digits for md5, 40 for sha1, 56 for sha224, 64 for sha256, " +
					"96 for sha384, 128 for sha512 (checked at plan time; PVE fails the download on a mismatch).",
				Validators: []validator.String{validate.Regex(hexRe, "hex checksum")}},
			"checksum_algorithm": schema.StringAttribute{Optional: true, PlanModifiers: source, MarkdownDescription: "`md5`, `sha1`, `sha224`, `sha256` (default with `checksum`), `sha384` or `sha512`.",
				Validators: []validator.String{stringvalidator.OneOf("md5", "sha1", "sha224", "sha256", "sha384", "sha512"),
					stringvalidator.AlsoRequires(tfpath.MatchRoot("checksum"))}},
			"volid": schema.StringAttribute{Computed: true, MarkdownDescription: "Volume id, `storage:vztmpl/file`: what `homelab_proxmox_lxc.ostemplate` takes.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"size": schema.Int64Attribute{Computed: true, MarkdownDescription: "Size in bytes."},
		},
	}
}

// importedKey is the private-state key ImportState sets: the source
// attributes in the state are only what import could guess (a `template`
// when the file is in the node's appliance list, else a `file_name`).
const importedKey = "imported"

// sourceRequiresReplace replaces the template when its source (template,
// url, file_name, checksum, checksum_algorithm) changes, except right after
// an import while the configuration still names the imported volume: PVE
// stores neither the URL nor the checksum, so the first plan after an
// import of a URL-sourced template sets them in place instead of
// downloading the file again. The update that records them ends the
// exception.
func sourceRequiresReplace() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = true
		if req.Private == nil {
			return
		}
		if b, diags := req.Private.GetKey(ctx, importedKey); diags.HasError() || len(b) == 0 {
			return
		}
		var plan, state lxcTemplateModel
		if req.Plan.Get(ctx, &plan).HasError() || req.State.Get(ctx, &state).HasError() {
			return
		}
		if plan.Template.IsUnknown() || plan.URL.IsUnknown() || plan.Storage.IsUnknown() {
			return
		}
		resp.RequiresReplace = plan.Storage.ValueString()+":vztmpl/"+plan.fileName() != state.VolID.ValueString()
	}, "Changing the template's source downloads it again (a new resource).",
		"Changing the template's source downloads it again (a new resource).")
}

func (r *lxcTemplateResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(tfpath.MatchRoot("template"), tfpath.MatchRoot("url")),
		resourcevalidator.Conflicting(tfpath.MatchRoot("template"), tfpath.MatchRoot("checksum")),
		resourcevalidator.Conflicting(tfpath.MatchRoot("template"), tfpath.MatchRoot("file_name")),
	}
}

var _ resource.ResourceWithValidateConfig = &lxcTemplateResource{}

// ValidateConfig checks at plan time that the checksum has the length of
// its algorithm, and that a URL without `file_name` ends in a template file
// name PVE keeps as it is.
func (r *lxcTemplateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m lxcTemplateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := checksumError(m.Checksum, m.ChecksumAlgorithm); err != nil {
		resp.Diagnostics.AddAttributeError(tfpath.Root("checksum"), "Invalid checksum", err.Error())
	}
	if m.URL.IsNull() || m.URL.IsUnknown() || !m.FileName.IsNull() {
		return
	}
	if f := m.fileName(); templateFileError(f) != nil {
		resp.Diagnostics.AddAttributeError(tfpath.Root("file_name"), "Template file name needed",
			fmt.Sprintf("The URL's file name %q is not a template file name PVE keeps as it is (%v); set `file_name`.", f, templateFileError(f)))
	}
}

// checksumError checks a checksum's length against its algorithm (sha256
// when none is set). PVE does not check it: a checksum of the wrong length
// only fails the download task after the whole file was fetched
// ("checksum mismatch").
func checksumError(sum, algorithm types.String) error {
	if sum.IsNull() || sum.IsUnknown() || algorithm.IsUnknown() || !hexRe.MatchString(sum.ValueString()) {
		return nil // the attribute validator reports non-hex values
	}
	algo, which := "sha256", "the default `checksum_algorithm`"
	if !algorithm.IsNull() {
		algo, which = algorithm.ValueString(), "`checksum_algorithm`"
	}
	want, ok := checksumDigits[algo]
	if !ok {
		return nil // the algorithm's own validator reports it
	}
	if n := len(sum.ValueString()); n != want {
		return fmt.Errorf("`checksum` has %d hex digits, but a %s checksum (%s) has %d: the download could never match it", n, algo, which, want)
	}
	return nil
}
