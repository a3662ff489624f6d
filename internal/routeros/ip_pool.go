package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipPool = menu.Spec{
	Type: "ip_pool",
	Path: "/ip/pool",
	Desc: "An address pool a DHCP server leases from.",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Pool name"),
		{Name: "ranges", Kind: menu.List, Mode: menu.Required, Desc: "Address ranges, e.g. `10.10.0.100-10.10.0.199`, or networks",
			Check: []validator.String{validate.IPv4Range()}},
		{Name: "next-pool", Desc: "Pool to use when this one is exhausted"},
		fComment,
	},
}
