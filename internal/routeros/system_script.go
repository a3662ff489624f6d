package routeros

import (
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// scriptPolicies are the policies a script or scheduled job runs with
// (MikroTik's "Scripting" manual; the default grants all of them).
var scriptPolicies = []string{"ftp", "password", "policy", "read", "reboot", "romon", "sensitive", "sniff", "test", "write"}

// fScriptPolicy is the policy set of a script or a scheduler entry: left
// out, the router's value (every policy, on add) is kept.
var fScriptPolicy = menu.Field{Name: "policy", Kind: menu.Set, Mode: menu.Computed, Enum: scriptPolicies,
	Desc: "Policies the script runs with; a fresh entry gets all of them"}

var systemScript = menu.Spec{
	Type: "system_script",
	Path: "/system/script",
	Desc: "A named RouterOS script, e.g. the one a VRRP router runs when it becomes master, or a scheduled job's body.",
	Key:  []string{"name"},
	Fields: []menu.Field{
		named("Script name"),
		{Name: "source", Default: "", NoUnset: true, Desc: "The script's text (RouterOS scripting language)"},
		fScriptPolicy,
		{Name: "dont-require-permissions", Kind: menu.Bool, Default: "false",
			Desc: "Run with the script's policies even when started by a user, scheduler or netwatch that lacks them"},
		{Name: "owner", Mode: menu.Computed, Desc: "User that owns the script; a fresh script is the creating user's", Check: nameCheck},
		fComment,
		{Name: "run-count", Kind: menu.Int, Mode: menu.ReadOnly, Desc: "How many times the script has run"},
	},
}
