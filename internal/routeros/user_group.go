package routeros

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// userPolicies are RouterOS 7's user group policies.
var userPolicies = []string{"api", "ftp", "local", "password", "policy", "read", "reboot", "rest-api", "romon",
	"sensitive", "sniff", "ssh", "telnet", "test", "web", "winbox", "write"}

// grantedOnly keeps the granted policies of a list: the router prints every
// policy, the ones not granted negated ("read,api,!ftp,..."), so a group
// configured as ["read", "api"] is the same group.
func grantedOnly(s string) string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" && !strings.HasPrefix(p, "!") {
			out = append(out, p)
		}
	}
	return strings.Join(out, ",")
}

var userGroup = menu.Spec{
	Type: "user_group",
	Path: "/user/group",
	Desc: "A user group: the policies its users have, e.g. a `terraform` group with `api`, `read`, `write` and `sensitive` " +
		"(and nothing else). The builtin groups `read`, `write` and `full` cannot be changed.",
	Key: []string{"name"},
	Fields: []menu.Field{
		named("Group name"),
		{Name: "policy", Kind: menu.Set, Mode: menu.Required, Enum: append(append([]string{}, userPolicies...), negated(userPolicies)...),
			Normalize: grantedOnly, Desc: "Policies granted; the router lists the others negated (`!ftp`), which is the same group"},
		{Name: "skin", Default: "default", Desc: "WebFig skin", Check: []validator.String{checkName}},
		fComment,
	},
}

func negated(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "!" + n
	}
	return out
}
