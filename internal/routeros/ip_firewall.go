package routeros

import (
	"fmt"
	"strings"

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
		{Name: "port", Desc: "Ports matched as source or destination, e.g. `80,443`; `!` negates", Check: []validator.String{checkPorts}},
		{Name: "in-interface", Desc: "Incoming interface; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "out-interface", Desc: "Outgoing interface; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "in-interface-list", Desc: "Incoming interface list; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "out-interface-list", Desc: "Outgoing interface list; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "connection-state", Kind: menu.Set, Enum: connectionStates, Desc: "Connection states"},
		{Name: "connection-nat-state", Desc: "Connection NAT state; `!` negates", Enum: []string{"srcnat", "dstnat", "!srcnat", "!dstnat"}},
		{Name: "jump-target", Desc: "Chain to jump to (action `jump`)", Check: []validator.String{checkName}},
		{Name: "connection-mark", Desc: "Connection mark set by mangle; `!` negates, `no-mark` matches unmarked"},
		{Name: "packet-mark", Desc: "Packet mark set by mangle; `!` negates, `no-mark` matches unmarked"},
		{Name: "routing-mark", Desc: "Routing mark set by mangle; `!` negates"},
		{Name: "tcp-flags", Desc: "TCP flags, e.g. `syn,!ack`"},
		{Name: "icmp-options", Desc: "ICMP type:code, e.g. `8:0`"},
		{Name: "limit", Desc: "Rate limit `count[/time],burst[:mode]`, e.g. `10/1s,5:packet`"},
		{Name: "tls-host", Desc: "TLS SNI host name, wildcards allowed, e.g. `*.example.com`"},
		{Name: "content", Desc: "Bytes the packet must contain"},
		{Name: "src-address-type", Desc: "Source address type: `unicast`, `local`, `broadcast`, `multicast`; `!` negates"},
		{Name: "dst-address-type", Desc: "Destination address type: `unicast`, `local`, `broadcast`, `multicast`; `!` negates"},
		{Name: "packet-size", Desc: "Packet size or range, e.g. `0-500`"},
		{Name: "ttl", Desc: "TTL comparison, e.g. `equal:1` or `less-than:10`"},
		{Name: "dscp", Kind: menu.Int, Min: 0, Max: 63, Desc: "DSCP value"},
		{Name: "connection-limit", Desc: "Connections per address or network, e.g. `100,32`"},
		{Name: "connection-bytes", Desc: "Bytes transferred by the connection, e.g. `500000-0`"},
		{Name: "connection-rate", Desc: "Connection rate range, e.g. `0-100k`"},
		{Name: "connection-type", Desc: "Connection helper type, e.g. `ftp` or `sip`"},
		{Name: "dst-limit", Desc: "Per-destination rate limit `count[/time],burst,mode[/expire]`"},
		{Name: "tcp-mss", Desc: "TCP MSS range, e.g. `1400-65535`"},
		{Name: "src-mac-address", Kind: menu.MAC, Desc: "Source MAC address"},
		{Name: "in-bridge-port", Desc: "Bridge port the packet came in on; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "out-bridge-port", Desc: "Bridge port the packet goes out of; `!` negates", Check: []validator.String{checkNegatedName}},
		{Name: "nth", Desc: "Every nth packet, `every,packet`"},
		{Name: "random", Kind: menu.Int, Min: 1, Max: 99, Desc: "Match packets at random, in percent"},
		{Name: "priority", Desc: "Packet priority 0-63"},
		{Name: "per-connection-classifier", Desc: "PCC for load balancing, e.g. `both-addresses:2/0`"},
		{Name: "fragment", Kind: menu.Bool, Default: "false", Desc: "Match fragmented packets"},
		{Name: "ipsec-policy", Desc: "IPsec policy match, e.g. `in,ipsec`"},
		{Name: "time", Desc: "Time of day and days, e.g. `8h-17h,mon,tue,wed,thu,fri`"},
		{Name: "layer7-protocol", Desc: "Layer-7 protocol name"},
		{Name: "address-list", Desc: "Address list that actions `add-src-to-address-list`/`add-dst-to-address-list` add to", Check: []validator.String{checkName}},
		{Name: "address-list-timeout", Kind: menu.Duration, Keywords: []string{"none-dynamic", "none-static"}, Default: "none-dynamic", Desc: "How long an address added by the rule stays in the list"},
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
	for _, p := range []string{"dst-port", "src-port", "port"} {
		if r[p] == "" {
			continue
		}
		switch strings.TrimPrefix(r["protocol"], "!") {
		case "tcp", "udp", "udp-lite", "dccp", "sctp":
		default:
			return p, strings.ReplaceAll(p, "-", "_") + " needs protocol tcp, udp, udp-lite, dccp or sctp (RouterOS: ports can be specified only for those)"
		}
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
		menu.Field{Name: "hw-offload", Kind: menu.Bool, Desc: "Offload the connections action `fasttrack-connection` fasttracks to the switch chip, where the board has one"},
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
