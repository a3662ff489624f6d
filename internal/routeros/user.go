package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var user = menu.Spec{
	Type: "user",
	Path: "/user",
	Desc: "A router user, e.g. a dedicated `terraform` user in a group of its own, allowed only from the management network.",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("User name"),
		{Name: "group", Mode: menu.Required, Desc: "User group", Check: nameCheck},
		{Name: "password", Sensitive: true, Unprinted: true, Desc: "Password", Check: []validator.String{stringvalidator.LengthAtLeast(1)}},
		{Name: "address", Kind: menu.Set, Desc: "Networks the user may log in from; empty allows any", Check: []validator.String{validate.IPv4Prefix()}},
		fComment, fDisabled,
	},
}
