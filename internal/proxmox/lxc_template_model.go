package proxmox

import (
	"net/url"
	"path"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type lxcTemplateModel struct {
	Timeouts          timeouts.Value `tfsdk:"timeouts"`
	ID                types.String   `tfsdk:"id"`
	Node              types.String   `tfsdk:"node"`
	Storage           types.String   `tfsdk:"storage"`
	Template          types.String   `tfsdk:"template"`
	URL               types.String   `tfsdk:"url"`
	FileName          types.String   `tfsdk:"file_name"`
	Checksum          types.String   `tfsdk:"checksum"`
	ChecksumAlgorithm types.String   `tfsdk:"checksum_algorithm"`
	VolID             types.String   `tfsdk:"volid"`
	Size              types.Int64    `tfsdk:"size"`
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
