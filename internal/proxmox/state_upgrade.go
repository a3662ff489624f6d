package proxmox

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var (
	_ resource.ResourceWithUpgradeState = &lxcResource{}
	_ resource.ResourceWithUpgradeState = &vmResource{}
)

// State version 1 of the guests made the values PVE never returns
// write-only: ostemplate, password and ssh_public_keys (LXC), clone and
// cloud_init.password (VM). A version-0 state still holds them, and
// OpenTofu refuses a provider's state with a value for a write-only
// attribute, so the upgrader from 0 reads it with the current schema (the
// layout is the same; the VM's new cloud_init.password_version reads as
// null) and the framework then drops the write-only values.

func (r *lxcResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{0: upgradeFromV0(ctx, r)}
}

func (r *vmResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{0: upgradeFromV0(ctx, r)}
}

// upgradeFromV0 reads a version-0 state of r with r's current schema.
func upgradeFromV0(ctx context.Context, r resource.Resource) resource.StateUpgrader {
	var sch resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx)
	return resource.StateUpgrader{
		StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			raw, err := req.RawState.UnmarshalWithOpts(typ, tfprotov6.UnmarshalOpts{
				ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
			})
			if err != nil {
				resp.Diagnostics.AddError("Reading a version 0 state failed", err.Error())
				return
			}
			resp.State.Raw = raw
		},
	}
}
