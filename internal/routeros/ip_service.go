package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// serviceDefaultPorts are the ports of a fresh router's services.
var serviceDefaultPorts = map[string]string{"telnet": "23", "ftp": "21", "www": "80", "ssh": "22",
	"www-ssl": "443", "api": "8728", "winbox": "8291", "api-ssl": "8729"}

var ipService = menu.Spec{
	Type: "ip_service",
	Path: "/ip/service",
	Desc: "One of the router's management services (`telnet`, `ftp`, `www`, `www-ssl`, `ssh`, `api`, `api-ssl`, `winbox`): " +
		"switch it off, move its port, or allow it only from the management network. `certificate` and `tls_version` apply " +
		"to `www-ssl` and `api-ssl` only.",
	Key:   []string{"name"},
	Adopt: true,
	Destroy: func(state map[string]string) []string {
		words := []string{"=port=" + serviceDefaultPorts[state["name"]], "=address=", "=disabled=no"}
		for f, def := range map[string]string{"vrf": "main", "max-sessions": "20"} {
			if _, ok := state[f]; ok {
				words = append(words, "="+f+"="+def)
			}
		}
		return words
	},
	DestroyDoc: "Destroy puts the service back to RouterOS's defaults: enabled, on its default port, from any address " +
		"(a TLS service keeps its certificate).",
	Fields: []menu.Field{
		{Name: "name", Mode: menu.Required, ForceNew: true, Select: true, Enum: []string{"api", "api-ssl", "ftp", "ssh", "telnet", "winbox", "www", "www-ssl"}, Desc: "The service"},
		{Name: "port", Kind: menu.Int, Mode: menu.Computed, Min: 1, Max: 65535, Desc: "TCP port (each service has its own default)"},
		{Name: "address", Kind: menu.Set, Desc: "Networks allowed to connect; empty allows any", Check: []validator.String{validate.IPv4Prefix()}},
		{Name: "certificate", Desc: "Certificate of a TLS service (`none` for none)", Check: []validator.String{checkName}},
		{Name: "tls-version", Default: "any", Enum: []string{"any", "only-1.2"}, Desc: "TLS versions a TLS service accepts"},
		{Name: "vrf", Default: "main", Desc: "VRF the service listens in", Check: []validator.String{checkName}},
		{Name: "max-sessions", Kind: menu.Int, Default: "20", Min: 1, Max: 1000, Desc: "Concurrent sessions"},
		fDisabled,
	},
}
