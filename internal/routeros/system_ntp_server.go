package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var systemNTPServer = menu.Spec{
	Type:      "system_ntp_server",
	Path:      "/system/ntp/server",
	Desc:      "The router's NTP server, so the lab's hosts take their time from it.",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "enabled", Kind: menu.Bool, Default: "false", Desc: "Serve time"},
		{Name: "broadcast", Kind: menu.Bool, Default: "false", Desc: "Broadcast time"},
		{Name: "multicast", Kind: menu.Bool, Default: "false", Desc: "Multicast time"},
		{Name: "manycast", Kind: menu.Bool, Default: "false", Desc: "Answer manycast"},
		{Name: "broadcast-addresses", Kind: menu.List, Desc: "Broadcast addresses", Check: ipv4Check},
		{Name: "vrf", Default: "main", Desc: "VRF the server listens in", Check: nameCheck},
		{Name: "use-local-clock", Kind: menu.Bool, Default: "false", Desc: "Serve the local clock when not synchronised"},
		{Name: "local-clock-stratum", Kind: menu.Int, Default: "5", Min: 1, Max: 15, Desc: "Stratum announced for the local clock"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults (the server off).",
}
