package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var systemNTPClient = menu.Spec{
	Type:      "system_ntp_client",
	Path:      "/system/ntp/client",
	Desc:      "The router's NTP client: where it takes its time from.",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "enabled", Kind: menu.Bool, Default: "false", Desc: "Run the NTP client"},
		{Name: "mode", Default: "unicast", Enum: []string{"broadcast", "manycast", "multicast", "unicast"}, Desc: "NTP mode"},
		{Name: "servers", Kind: menu.List, Desc: "NTP servers, addresses or names, e.g. `pool.ntp.org`"},
		{Name: "vrf", Default: "main", Desc: "VRF the client uses", Check: nameCheck},
		{Name: "status", Mode: menu.ReadOnly, Desc: "Synchronisation state"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults (the client off).",
}
