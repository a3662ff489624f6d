package proxmox

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// poolIDRe is PVE 9's pve-poolid: up to three levels, "parent/child".
var poolIDRe = poolRe

func (r *poolResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		// Version 0: the state layout as first released (state_upgrade_test.go).
		Version: 0,
		MarkdownDescription: "A resource pool (`/pools`). Guests join a pool through their own `pool` attribute " +
			"(`homelab_proxmox_lxc.pool`, `homelab_proxmox_vm.pool`), so this resource manages the pool and its comment only; " +
			"PVE refuses to destroy a pool that still has members. A nested pool (`parent/child`) needs its parent.\n\n" +
			"Import takes the pool id.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "The pool id.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
			"pool_id": schema.StringAttribute{Required: true, PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validate.Regex(poolIDRe, "pool id (letters, digits, - and _, nested up to three levels with /)")},
				MarkdownDescription: "Pool id, e.g. `infra` or `lab/k8s`."},
			"comment": schema.StringAttribute{Optional: true, MarkdownDescription: "Comment. PVE's API cannot clear a comment once set: change it instead.",
				Validators: []validator.String{validate.Regex(regexp.MustCompile(`^[^\n\r]+$`), "single line of text")}},
		},
	}
}
