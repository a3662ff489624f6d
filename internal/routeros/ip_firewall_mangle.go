package routeros

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	nameCheck = []validator.String{checkName}
	ipv4Check = []validator.String{validate.IPv4()}
)

// markNeeds is the field each marking or changing action cannot do without
// (RouterOS refuses the rule with "missing value(s) of argument(s) ...").
var markNeeds = map[string]string{
	"mark-connection": "new-connection-mark", "mark-packet": "new-packet-mark", "mark-routing": "new-routing-mark",
	"change-dscp": "new-dscp", "change-mss": "new-mss", "change-ttl": "new-ttl", "set-priority": "new-priority",
}

// checkMangleRule adds the marking actions' needs to the common checks.
func checkMangleRule(r map[string]string) (string, string) {
	if f, problem := checkRule(r); f != "" {
		return f, problem
	}
	if need, ok := markNeeds[r["action"]]; ok && r[need] == "" {
		return need, fmt.Sprintf("action %q needs %s", r["action"], strings.ReplaceAll(need, "-", "_"))
	}
	return "", ""
}

var ipFirewallMangle = menu.ChainSpec{
	Type:  "ip_firewall_mangle",
	Path:  "/ip/firewall/mangle",
	Check: checkMangleRule,
	Desc: "The rules of one IPv4 mangle chain (`prerouting`, `input`, `forward`, `output`, `postrouting` or a custom chain), in order: " +
		"connection, packet and routing marks for policy routing and queues, MSS clamping, DSCP and TTL changes.",
	Rule: firewallRule([]string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "change-dscp", "change-mss", "change-ttl", "clear-df",
		"fasttrack-connection", "jump", "log", "mark-connection", "mark-packet", "mark-routing", "passthrough", "return", "route",
		"set-priority", "sniff-pc", "sniff-tzsp", "strip-ipv4-options"},
		menu.Field{Name: "new-connection-mark", Desc: "Connection mark set by action `mark-connection`", Check: nameCheck},
		menu.Field{Name: "new-packet-mark", Desc: "Packet mark set by action `mark-packet`", Check: nameCheck},
		menu.Field{Name: "new-routing-mark", Desc: "Routing mark (a routing table) set by action `mark-routing`", Check: nameCheck},
		menu.Field{Name: "new-dscp", Kind: menu.Int, Min: 0, Max: 63, Desc: "DSCP set by action `change-dscp`"},
		menu.Field{Name: "new-mss", Desc: "MSS set by action `change-mss`, a number or `clamp-to-pmtu`"},
		menu.Field{Name: "new-ttl", Desc: "TTL change of action `change-ttl`, e.g. `set:64`, `increment:1`, `decrement:1`"},
		menu.Field{Name: "new-priority", Desc: "Priority set by action `set-priority`, 0-7 or `from-dscp`"},
		menu.Field{Name: "route-dst", Desc: "Gateway of action `route`", Check: ipv4Check},
		menu.Field{Name: "passthrough", Kind: menu.Bool, Default: "true", Desc: "Whether a marking rule lets the packet on to the next rule"},
	),
}

var ipFirewallRaw = menu.ChainSpec{
	Type:  "ip_firewall_raw",
	Path:  "/ip/firewall/raw",
	Check: checkRule,
	Desc:  "The rules of one IPv4 raw chain (`prerouting`, `output` or a custom chain), in order: drop or `notrack` before connection tracking.",
	Rule:  firewallRule([]string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "jump", "log", "notrack", "passthrough", "return"}),
}
