package routeros

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// checkTopic accepts a logging topic, negated or not ("info", "!debug").
var checkTopic = validate.Regex(regexp.MustCompile(`^!?[a-z0-9-]+$`), "logging topic such as info, firewall or !debug")

var systemLogging = menu.Spec{
	Type: "system_logging",
	Path: "/system/logging",
	Desc: "A logging rule: which topics go to which action, e.g. `info` and `error` to the remote syslog. The topics and the " +
		"action identify the rule. The router's four default rules are left alone.",
	Key: []string{"topics", "action"},
	Fields: []menu.Field{
		{Name: "topics", Kind: menu.Set, Mode: menu.Required, Desc: "Topics, each may be negated with `!` (`firewall`, `!debug`)", Check: []validator.String{checkTopic}},
		{Name: "action", Default: "memory", Desc: "Action name", Check: nameCheck},
		{Name: "prefix", Desc: "Text put before each message"},
		fDisabled,
	},
}
