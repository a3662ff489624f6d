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
	templateFileRe = regexp.MustCompile(`^[^/\s]+\.tar(\.(gz|xz|zst|bz2))?$`)
	hexRe          = regexp.MustCompile(`^[0-9a-fA-F]+$`)
)

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
				Validators:          []validator.String{validate.Regex(templateFileRe, "template file name (.tar, .tar.gz, .tar.xz, .tar.zst)")}},
			"url": schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "HTTP(S) URL to download the template from.",
				Validators: []validator.String{validate.StringFunc("URL", func(s string) error {
					u, err := url.Parse(s)
					if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
						return fmt.Errorf("%q is not an http(s) URL", s)
					}
					return nil
				})}},
			"file_name": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: append([]planmodifier.String{stringplanmodifier.UseStateForUnknown()}, replace...),
				MarkdownDescription: "File name on the storage (with `url`; defaults to the URL's last path element).",
				Validators:          []validator.String{validate.Regex(templateFileRe, "template file name (.tar, .tar.gz, .tar.xz, .tar.zst)")}},
			"checksum": schema.StringAttribute{Optional: true, PlanModifiers: replace, MarkdownDescription: "Expected checksum (hex) of the downloaded file.",
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

// ValidateConfig checks at plan time that a URL without `file_name` ends in
// a template file name PVE accepts.
func (r *lxcTemplateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m lxcTemplateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.URL.IsNull() || m.URL.IsUnknown() || !m.FileName.IsNull() {
		return
	}
	if f := m.fileName(); !templateFileRe.MatchString(f) {
		resp.Diagnostics.AddAttributeError(tfpath.Root("file_name"), "Template file name needed",
			fmt.Sprintf("The URL's file name %q does not end in .tar, .tar.gz, .tar.xz or .tar.zst, which PVE requires; set `file_name`.", f))
	}
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
	if !templateFileRe.MatchString(file) {
		resp.Diagnostics.AddAttributeError(tfpath.Root("file_name"), "Template file name needed",
			fmt.Sprintf("The URL's file name %q does not end in .tar, .tar.gz, .tar.xz or .tar.zst; set `file_name`.", file))
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
