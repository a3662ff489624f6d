package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

// macAccess is the shape of the MAC server's settings menus.
func macAccess(typ, path, what string) menu.Spec {
	return menu.Spec{
		Type:      typ,
		Path:      path,
		Desc:      what + " Limit it to the management interface list; `none` switches it off.",
		Singleton: true,
		Fields: []menu.Field{
			{Name: "allowed-interface-list", Default: "all", Desc: "Interface list it is allowed on (`all`, `none` or a list)", Check: nameCheck},
		},
		ResetOnDestroy: true,
		DestroyDoc:     "Destroy allows it on every interface again (RouterOS's default).",
	}
}

var (
	toolMACServer = macAccess("tool_mac_server", "/tool/mac-server", "MAC telnet access to the router.")
	toolMACWinbox = macAccess("tool_mac_server_winbox", "/tool/mac-server/mac-winbox", "Winbox access to the router over MAC.")
	toolMACPing   = menu.Spec{
		Type:      "tool_mac_server_ping",
		Path:      "/tool/mac-server/ping",
		Desc:      "Whether the router answers MAC pings.",
		Singleton: true,
		Fields: []menu.Field{
			{Name: "enabled", Kind: menu.Bool, Default: "true", Desc: "Answer MAC pings"},
		},
		ResetOnDestroy: true,
		DestroyDoc:     "Destroy sets it back to RouterOS's default (enabled).",
	}
)
