package routeros

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// Matchers and settings shared by filter and NAT rules.
func firewallRule(actions []string, extra ...menu.Field) []menu.Field {
	fields := []menu.Field{
		{Name: "action", Mode: menu.Required, Default: "accept", Enum: actions, Desc: "What to do with a matching packet"},
		{Name: "src-address", Desc: "Source address, network or range; `!` negates", Check: []validator.String{checkAddress}},
		{Name: "dst-address", Desc: "Destination address, network or range; `!` negates", Check: []validator.String{checkAddress}},
		{Name: "src-address-list", Desc: "Source address list; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "dst-address-list", Desc: "Destination address list; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "protocol", Desc: "IP protocol, a name such as `tcp`, `udp`, `icmp` or a number 0-255; `!` negates", Check: []validator.String{checkProtocol}},
		{Name: "src-port", Desc: "Source ports, e.g. `1024-65535`; `!` negates", Check: []validator.String{checkPorts}},
		{Name: "dst-port", Desc: "Destination ports, e.g. `22,443` or `8000-8080`; `!` negates", Check: []validator.String{checkPorts}},
		{Name: "in-interface", Desc: "Incoming interface; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "out-interface", Desc: "Outgoing interface; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "in-interface-list", Desc: "Incoming interface list; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "out-interface-list", Desc: "Outgoing interface list; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "connection-state", Kind: menu.Set, Enum: connectionStates, Desc: "Connection states"},
		{Name: "connection-nat-state", Desc: "Connection NAT state; `!` negates", Enum: []string{"srcnat", "dstnat", "!srcnat", "!dstnat"}},
		{Name: "jump-target", Desc: "Chain to jump to (action `jump`)", Check: []validator.String{checkName}},
		{Name: "log", Kind: menu.Bool, Default: "false", Desc: "Log matching packets"},
		{Name: "log-prefix", Desc: "Prefix of log messages"},
	}
	fields = append(fields, extra...)
	return append(fields, fComment, fDisabled)
}

// checkRule catches rules the router would refuse, at plan time.
func checkRule(r map[string]string) (string, string) {
	switch a := r["action"]; {
	case a == "jump" && r["jump-target"] == "":
		return "jump-target", "action \"jump\" needs jump_target, the chain to jump to"
	case a != "jump" && r["jump-target"] != "":
		return "jump-target", "jump_target is only used with action \"jump\""
	case a != "reject" && r["reject-with"] != "":
		return "reject-with", "reject_with is only used with action \"reject\""
	case (a == "dst-nat" || a == "netmap") && r["to-addresses"] == "" && r["to-ports"] == "":
		return "to-addresses", fmt.Sprintf("action %q needs to_addresses or to_ports", a)
	}
	return "", ""
}

var ipFirewallFilter = menu.ChainSpec{
	Type:  "ip_firewall_filter",
	Path:  "/ip/firewall/filter",
	Check: checkRule,
	Desc:  "The rules of one IPv4 firewall filter chain (`input`, `forward`, `output` or a custom chain), in order.",
	Rule: firewallRule([]string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "fasttrack-connection", "jump", "log", "passthrough", "reject", "return", "tarpit"},
		menu.Field{Name: "reject-with", Desc: "ICMP error or `tcp-reset` sent by action `reject`",
			Enum: []string{"icmp-admin-prohibited", "icmp-host-prohibited", "icmp-host-unreachable", "icmp-net-prohibited", "icmp-network-unreachable", "icmp-port-unreachable", "icmp-protocol-unreachable", "tcp-reset"}},
	),
}

var ipFirewallNAT = menu.ChainSpec{
	Type:  "ip_firewall_nat",
	Path:  "/ip/firewall/nat",
	Check: checkRule,
	Desc:  "The rules of one IPv4 NAT chain (`srcnat`, `dstnat` or a custom chain), in order, e.g. masquerade out of the WAN.",
	Rule: firewallRule([]string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "dst-nat", "endpoint-independent-nat", "jump", "log", "masquerade", "netmap", "passthrough", "redirect", "return", "same", "src-nat"},
		menu.Field{Name: "to-addresses", Desc: "Address(es) to translate to"},
		menu.Field{Name: "to-ports", Desc: "Port(s) to translate to"},
	),
}
