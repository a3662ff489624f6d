package proxmox

import (
	"context"
	"fmt"
	"net/url"
	"path"
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

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	_ resource.ResourceWithConfigure        = &lxcTemplateResource{}
	_ resource.ResourceWithImportState      = &lxcTemplateResource{}
	_ resource.ResourceWithConfigValidators = &lxcTemplateResource{}
)

func newLXCTemplateResource() resource.Resource { return &lxcTemplateResource{} }

type lxcTemplateResource struct{ data *providerdata.Data }

type lxcTemplateModel struct {
	ID                types.String `tfsdk:"id"`
	Node              types.String `tfsdk:"node"`
	Storage           types.String `tfsdk:"storage"`
	Template          types.String `tfsdk:"template"`
	URL               types.String `tfsdk:"url"`
	FileName          types.String `tfsdk:"file_name"`
	Checksum          types.String `tfsdk:"checksum"`
	ChecksumAlgorithm types.String `tfsdk:"checksum_algorithm"`
	VolID             types.String `tfsdk:"volid"`
	Size              types.Int64  `tfsdk:"size"`
}

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

func (r *lxcTemplateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_lxc_template"
}

func (r *lxcTemplateResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A container template on a storage: downloaded from the appliance list (`template`) or from a URL " +
			"(`url`, optionally verified with `checksum`). A template already on the storage is adopted, not downloaded again; destroy removes the volume.",
		Attributes: map[string]schema.Attribute{
			"id":      schema.StringAttribute{Computed: true, MarkdownDescription: "`node/volid`.", PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"node":    schema.StringAttribute{Required: true, Validators: []validator.String{vNode()}, PlanModifiers: replace},
			"storage": schema.StringAttribute{Required: true, MarkdownDescription: "Storage with `vztmpl` content, e.g. `local`.", Validators: []validator.String{vStorage()}, PlanModifiers: replace},
			"template": schema.StringAttribute{Optional: true, PlanModifiers: replace,
				MarkdownDescription: "Appliance file name from the node's appliance list (see the `homelab_proxmox_lxc_templates` data source), e.g. `ubuntu-24.04-standard_24.04-2_amd64.tar.zst`.",
				Validators:          []validator.String{vTemplateFile()}},
			"url": schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "HTTP(S) URL to download the template from.",
				Validators: []validator.String{validate.StringFunc("URL", func(s string) error {
					u, err := url.Parse(s)
					if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
						return fmt.Errorf("%q is not an http(s) URL", s)
					}
					return nil
				})}},
			"file_name": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: append([]planmodifier.String{stringplanmodifier.UseStateForUnknown()}, replace...),
				MarkdownDescription: "File name on the storage (with `url`; defaults to the URL's last path element): letters, digits, `_`, `.` and `-` " +
					"(no path: PVE would rename anything else), ending in `.tar`, `.tar.gz`, `.tar.xz`, `.tar.zst` or `.tar.bz2`.",
				Validators: []validator.String{vTemplateFile()}},
			"checksum": schema.StringAttribute{Optional: true, PlanModifiers: replace,
				MarkdownDescription: "Expected checksum (hex) of the downloaded file: 32 hex digits for md5, 40 for sha1, 56 for sha224, 64 for sha256, " +
					"96 for sha384, 128 for sha512 (checked at plan time; PVE fails the download on a mismatch).",
				Validators: []validator.String{validate.Regex(hexRe, "hex checksum")}},
			"checksum_algorithm": schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "`md5`, `sha1`, `sha224`, `sha256` (default with `checksum`), `sha384` or `sha512`.",
				Validators: []validator.String{stringvalidator.OneOf("md5", "sha1", "sha224", "sha256", "sha384", "sha512"),
					stringvalidator.AlsoRequires(tfpath.MatchRoot("checksum"))}},
			"volid": schema.StringAttribute{Computed: true, MarkdownDescription: "Volume id, `storage:vztmpl/file`: what `homelab_proxmox_lxc.ostemplate` takes.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"size": schema.Int64Attribute{Computed: true, MarkdownDescription: "Size in bytes."},
		},
	}
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

func (r *lxcTemplateResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (m *lxcTemplateModel) fileName() string {
	if !m.Template.IsNull() {
		return m.Template.ValueString()
	}
	if !m.FileName.IsNull() && !m.FileName.IsUnknown() {
		return m.FileName.ValueString()
	}
	u, err := url.Parse(m.URL.ValueString())
	if err != nil {
		return ""
	}
	return path.Base(u.Path)
}

// find returns the storage's entry for volid, or nil.
func findVolume(ctx context.Context, c *Client, node, storage, content, volid string) (map[string]any, error) {
	list, err := c.GetList(ctx, fmt.Sprintf("/nodes/%s/storage/%s/content?content=%s", node, storage, content))
	if err != nil {
		return nil, err
	}
	for _, v := range list {
		if str(v["volid"]) == volid {
			return v, nil
		}
	}
	return nil, nil
}

func (r *lxcTemplateResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m lxcTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node, storage, file := m.Node.ValueString(), m.Storage.ValueString(), m.fileName()
	if err := templateFileError(file); err != nil {
		resp.Diagnostics.AddAttributeError(tfpath.Root("file_name"), "Template file name needed", err.Error()+"; set `file_name`.")
		return
	}
	volid := storage + ":vztmpl/" + file
	existing, err := findVolume(ctx, c, node, storage, "vztmpl", volid)
	if err != nil {
		resp.Diagnostics.AddError("Listing the storage content failed", err.Error())
		return
	}
	if existing == nil {
		if !m.Template.IsNull() {
			err = c.PostTask(ctx, "/nodes/"+node+"/aplinfo", map[string]any{"storage": storage, "template": file})
		} else {
			params := map[string]any{"url": m.URL.ValueString(), "content": "vztmpl", "filename": file}
			if !m.Checksum.IsNull() {
				params["checksum"] = strings.ToLower(m.Checksum.ValueString())
				algo := "sha256"
				if !m.ChecksumAlgorithm.IsNull() {
					algo = m.ChecksumAlgorithm.ValueString()
				}
				params["checksum-algorithm"] = algo
			}
			err = c.PostTask(ctx, fmt.Sprintf("/nodes/%s/storage/%s/download-url", node, storage), params)
		}
		if err != nil {
			resp.Diagnostics.AddError("Downloading the template failed", err.Error())
			return
		}
		existing, err = findVolume(ctx, c, node, storage, "vztmpl", volid)
		if err != nil || existing == nil {
			if err == nil {
				err = fmt.Errorf("%s is not on storage %s after the download", volid, storage)
			}
			resp.Diagnostics.AddError("Reading the template failed", err.Error())
			return
		}
	}
	if !m.URL.IsNull() {
		m.FileName = types.StringValue(file)
	} else if m.FileName.IsUnknown() {
		m.FileName = types.StringNull()
	}
	m.VolID = types.StringValue(volid)
	m.ID = types.StringValue(node + "/" + volid)
	sz, _ := toFloat(existing["size"])
	m.Size = types.Int64Value(int64(sz))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *lxcTemplateResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m lxcTemplateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	v, err := findVolume(ctx, c, m.Node.ValueString(), m.Storage.ValueString(), "vztmpl", m.VolID.ValueString())
	if err != nil {
		if NotFound(err) {
			resp.State.RemoveResource(ctx)
			return
		}
		resp.Diagnostics.AddError("Reading the template failed", err.Error())
		return
	}
	if v == nil {
		resp.State.RemoveResource(ctx)
		return
	}
	sz, _ := toFloat(v["size"])
	m.Size = types.Int64Value(int64(sz))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *lxcTemplateResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	// Every argument forces a replacement; nothing to do in place.
	var m lxcTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *lxcTemplateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m lxcTemplateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	err := c.DeleteTask(ctx, fmt.Sprintf("/nodes/%s/storage/%s/content/%s", m.Node.ValueString(), m.Storage.ValueString(), m.VolID.ValueString()))
	if err != nil && !NotFound(err) {
		resp.Diagnostics.AddError("Deleting the template failed", err.Error())
	}
}

// ImportState takes `node/storage:vztmpl/file`.
func (r *lxcTemplateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	node, volid, ok := strings.Cut(req.ID, "/")
	storage, file, ok2 := strings.Cut(volid, ":vztmpl/")
	if !ok || !ok2 || !nodeRe.MatchString(node) || !storageIDRe.MatchString(storage) || !templateFileRe.MatchString(file) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("%q: use `node/storage:vztmpl/file`, e.g. `pve-s1/local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst`", req.ID))
		return
	}
	for k, v := range map[string]string{"id": req.ID, "node": node, "storage": storage, "volid": volid, "template": file} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, tfpath.Root(k), v)...)
	}
}
