package routeros

import "strings"

// Logging, from MikroTik's "Log" manual page: actions memory, disk, echo
// and remote exist on a fresh router (default=true, they cannot be
// removed), and four rules send info, error and warning to memory and
// critical to echo. Unconfirmed: the wording of the refusal to remove a
// default action or rule, and whether default rules can be removed at all
// (refused here).

func loggingAction() *menu {
	return &menu{
		path: "/system/logging/action", table: "system/logging/action", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "action with such name already exists",
		fields: []*field{
			fStr("name").req(),
			fEnum("target", "", "disk", "echo", "email", "memory", "remote").req(),
			fKind("remote", kIPv4),
			fInt("remote-port", "514", 1, 65535),
			fKind("src-address", kIPv4).dflt("0.0.0.0"),
			fBool("bsd-syslog", "false"),
			fEnum("syslog-facility", "daemon", "auth", "authpriv", "cron", "daemon", "ftp", "kern", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7", "lpr", "mail", "news", "ntp", "syslog", "user", "uucp"),
			fEnum("syslog-severity", "auto", "alert", "auto", "critical", "debug", "emergency", "error", "info", "notice", "warning"),
			fInt("memory-lines", "1000", 1, 65535),
			fStr("disk-file-name").dflt("log"),
			fInt("disk-lines-per-file", "1000", 1, 65535),
			fInt("disk-file-count", "2", 1, 65535),
			fBool("remember", "true"),
		},
		removable: func(r *row) error {
			if r.vals["default"] == "true" {
				return failure("can not remove default action")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("default", boolStr(r.vals["default"] == "true"))
		},
	}
}

// logTopics are the topics RouterOS 7 accepts (manual, "Log" topics list).
var logTopics = []string{"account", "bfd", "bgp", "bridge", "caps", "certificate", "critical", "ddns", "debug", "dhcp", "dns",
	"dot1x", "e-mail", "error", "event", "fetch", "firewall", "gsm", "hotspot", "info", "interface", "ipsec", "l2tp", "ldp",
	"lte", "manager", "mpls", "netinstall", "ntp", "ospf", "ovpn", "packet", "ppp", "pppoe", "radius", "raw", "read", "rip",
	"route", "script", "sertcp", "snmp", "ssh", "sstp", "state", "system", "telephony", "timer", "upnp", "vrrp", "warning",
	"watchdog", "web-proxy", "wireguard", "wireless", "write"}

func logging() *menu {
	topics := &field{name: "topics", kind: kFlags, enum: logTopics, required: true, itemNeg: true}
	return &menu{
		path: "/system/logging", table: "system/logging",
		canAdd: true, canRemove: true,
		fields: []*field{
			topics,
			fStr("action").dflt("memory"),
			fStr("prefix"),
			fBool("disabled", "false"),
		},
		check: func(d *db, r, old *row) error {
			if d.find(d.menus["/system/logging/action"], r.vals["action"]) == nil && r.vals["action"] != "" {
				return errNoMatch("action")
			}
			return nil
		},
		removable: func(r *row) error {
			if r.vals["default"] == "true" {
				return failure("can not remove default logging rule")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("default", boolStr(r.vals["default"] == "true"))
			p.set("invalid", "false")
		},
	}
}

// negatedFlags normalises a list whose items may each be negated (logging
// topics "info,!debug", group policies "read,!ftp").
func negatedFlags(f *field, v string) (string, error) {
	items := splitList(v)
	if len(items) == 0 {
		return "", errNoMatch(f.name)
	}
	for i, it := range items {
		neg := strings.HasPrefix(it, "!")
		name := strings.TrimPrefix(it, "!")
		canon := ""
		for _, e := range f.enum {
			if strings.EqualFold(e, name) {
				canon = e
			}
		}
		if canon == "" {
			return "", errNoMatch(f.name)
		}
		if neg {
			canon = "!" + canon
		}
		items[i] = canon
	}
	return strings.Join(items, ","), nil
}
