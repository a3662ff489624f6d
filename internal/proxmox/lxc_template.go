package proxmox

import (
	"context"
	"fmt"
	"strings"

	tfpath "github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

var (
	_ resource.ResourceWithConfigure        = &lxcTemplateResource{}
	_ resource.ResourceWithImportState      = &lxcTemplateResource{}
	_ resource.ResourceWithConfigValidators = &lxcTemplateResource{}
)

func newLXCTemplateResource() resource.Resource { return &lxcTemplateResource{} }

type lxcTemplateResource struct{ data *providerdata.Data }

func (r *lxcTemplateResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_lxc_template"
}

func (r *lxcTemplateResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
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
	ctx, cancel := withOpTimeout(ctx, m.Timeouts, "create", &resp.Diagnostics)
	defer cancel()
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
	// Every argument forces a replacement, except the source values the
	// first plan after an import records (sourceRequiresReplace): nothing
	// to do in place but keep them, which ends the import's exception.
	var m, state lxcTemplateModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.Size.IsUnknown() {
		m.Size = state.Size
	}
	if m.FileName.IsUnknown() {
		m.FileName = state.FileName
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, nil)...)
}

func (r *lxcTemplateResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var m lxcTemplateModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withOpTimeout(ctx, m.Timeouts, "delete", &resp.Diagnostics)
	defer cancel()
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	err := c.DeleteTask(ctx, fmt.Sprintf("/nodes/%s/storage/%s/content/%s", m.Node.ValueString(), m.Storage.ValueString(), m.VolID.ValueString()))
	if err != nil && !NotFound(err) {
		resp.Diagnostics.AddError("Deleting the template failed", err.Error())
	}
}

// ImportState takes `node/storage:vztmpl/file`. PVE does not record where
// a template came from: a file of the node's appliance list is imported as
// `template`, any other as `file_name` (of a `url` source, which the
// configuration then supplies, see sourceRequiresReplace).
func (r *lxcTemplateResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	node, volid, ok := strings.Cut(req.ID, "/")
	storage, file, ok2 := strings.Cut(volid, ":vztmpl/")
	if !ok || !ok2 || !nodeRe.MatchString(node) || !storageIDRe.MatchString(storage) || !templateFileRe.MatchString(file) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("%q: use `node/storage:vztmpl/file`, e.g. `pve-s1/local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst`", req.ID))
		return
	}
	source := "template"
	if c, err := clientFrom(ctx, r.data); err == nil {
		if appliance, err := inApplianceList(ctx, c, node, file); err == nil && !appliance {
			source = "file_name"
		}
	}
	for k, v := range map[string]string{"id": req.ID, "node": node, "storage": storage, "volid": volid, source: file} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, tfpath.Root(k), v)...)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, importedKey, []byte("true"))...)
}

// inApplianceList reports whether file is a template of node's appliance
// list (GET /nodes/{node}/aplinfo).
func inApplianceList(ctx context.Context, c *Client, node, file string) (bool, error) {
	list, err := c.GetList(ctx, "/nodes/"+node+"/aplinfo")
	if err != nil {
		return false, err
	}
	for _, a := range list {
		if str(a["template"]) == file {
			return true, nil
		}
	}
	return false, nil
}
