package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var systemIdentity = menu.Spec{
	Type:      "system_identity",
	Path:      "/system/identity",
	Desc:      "The router's name (system identity).",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "name", Mode: menu.Required, Default: "MikroTik", Desc: "Router name, e.g. `router.rachuna-net.pl`"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the name back to the factory `MikroTik`.",
}
