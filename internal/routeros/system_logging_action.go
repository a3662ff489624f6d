package routeros

import "github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"

var systemLoggingAction = menu.Spec{
	Type: "system_logging_action",
	Path: "/system/logging/action",
	Desc: "Where log messages go: most often a remote syslog server, e.g. the lab's log host. The router's own actions " +
		"(`memory`, `disk`, `echo`, `remote`) cannot be removed; add one of your own.",
	Key: []string{"name"},
	Fields: []menu.Field{
		named("Action name, used by `homelab_routeros_system_logging` rules"),
		{Name: "target", Mode: menu.Required, Enum: []string{"disk", "echo", "email", "memory", "remote"}, Desc: "Kind of action"},
		ipv4("remote", menu.Optional, "Syslog server address (target `remote`)"),
		{Name: "remote-port", Kind: menu.Int, Default: "514", Min: 1, Max: 65535, Desc: "Syslog server UDP port"},
		{Name: "src-address", Default: "0.0.0.0", Desc: "Source address of syslog packets", Check: ipv4Check},
		{Name: "bsd-syslog", Kind: menu.Bool, Default: "false", Desc: "Send BSD syslog (RFC 3164) headers"},
		{Name: "syslog-facility", Default: "daemon", Enum: []string{"auth", "authpriv", "cron", "daemon", "ftp", "kern", "local0", "local1", "local2",
			"local3", "local4", "local5", "local6", "local7", "lpr", "mail", "news", "ntp", "syslog", "user", "uucp"}, Desc: "Syslog facility"},
		{Name: "syslog-severity", Default: "auto", Enum: []string{"alert", "auto", "critical", "debug", "emergency", "error", "info", "notice", "warning"}, Desc: "Syslog severity (`auto` from the topic)"},
	},
}
