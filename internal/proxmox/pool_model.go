package proxmox

import (
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type poolModel struct {
	ID      types.String `tfsdk:"id"`
	PoolID  types.String `tfsdk:"pool_id"`
	Comment types.String `tfsdk:"comment"`
}

// toAPI is the POST /pools body.
func (m *poolModel) toAPI() map[string]string {
	cfg := map[string]string{"poolid": m.PoolID.ValueString()}
	putStr(cfg, "comment", m.Comment)
	return cfg
}

// fromAPI fills m from an entry of GET /pools?poolid=.
func (m *poolModel) fromAPI(e map[string]any) {
	m.PoolID = types.StringValue(str(e["poolid"]))
	m.ID = m.PoolID
	m.Comment = cfgStr(e, "comment")
}
