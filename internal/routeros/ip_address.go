package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipAddress = menu.Spec{
	Type: "ip_address",
	Path: "/ip/address",
	Desc: "An IPv4 address of an interface, e.g. `10.10.0.1/24` on `bridge-proxmox`.",
	Key:  []string{"address", "interface"},
	Fields: []menu.Field{
		{Name: "address", Mode: menu.Required, Desc: "Address with prefix length, e.g. `10.10.0.1/24`",
			Check: []validator.String{validate.IPv4Prefix()}},
		{Name: "interface", Mode: menu.Required, Desc: "Interface the address is on"},
		{Name: "network", Mode: menu.Computed, Desc: "Network address; computed from `address` when left out",
			Check: []validator.String{validate.IPv4()}},
		fComment, fDisabled,
	},
}
