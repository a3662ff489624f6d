package routeros

import (
	"strconv"
	"strings"
	"time"
)

// Firewall tables are ordered: add appends unless place-before is given,
// and move reorders.

var filterActions = []string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "fasttrack-connection", "jump", "log", "passthrough", "reject", "return", "tarpit"}

var natActions = []string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "dst-nat", "endpoint-independent-nat", "jump", "log", "masquerade", "netmap", "passthrough", "redirect", "return", "same", "src-nat"}

func firewall(path, table string, actions []string, extra ...*field) *menu {
	fields := []*field{
		fStr("chain").req(),
		fEnum("action", "accept", actions...),
		fKind("src-address", kAddrMatch).negatable(),
		fKind("dst-address", kAddrMatch).negatable(),
		fStr("src-address-list"),
		fStr("dst-address-list"),
		fKind("protocol", kProtocol).negatable(),
		fKind("src-port", kPorts).negatable(),
		fKind("dst-port", kPorts).negatable(),
		fKind("port", kPorts).negatable(),
		fRef("in-interface", refIface).negatable(),
		fRef("out-interface", refIface).negatable(),
		fRef("in-interface-list", refIfList).negatable(),
		fRef("out-interface-list", refIfList).negatable(),
		fFlags("connection-state", "established", "invalid", "new", "related", "untracked").negatable(),
		fFlags("connection-nat-state", "dstnat", "srcnat").negatable(),
		fStr("connection-mark"),
		fStr("packet-mark"),
		fStr("routing-mark"),
		fStr("icmp-options"),
		fStr("tcp-flags"),
		fStr("limit"),
		// The rest of the manual's common matchers ("Common Firewall
		// Matchers and Actions"), kept as given.
		fStr("tls-host"),
		fStr("content"),
		fStr("src-address-type"),
		fStr("dst-address-type"),
		fStr("packet-size"),
		fStr("ttl"),
		fInt("dscp", "", 0, 63),
		fStr("connection-limit"),
		fStr("connection-bytes"),
		fStr("connection-rate"),
		fStr("connection-type"),
		fStr("dst-limit"),
		fStr("tcp-mss"),
		fKind("src-mac-address", kMAC),
		fRef("in-bridge-port", refIface).negatable(),
		fRef("out-bridge-port", refIface).negatable(),
		fStr("nth"),
		fInt("random", "", 1, 99),
		fStr("priority"),
		fStr("per-connection-classifier"),
		fBool("fragment", "false").hidden(),
		fStr("ipsec-policy"),
		fStr("time"),
		fStr("layer7-protocol"),
		fStr("jump-target"),
		fStr("address-list"),
		fDur("address-list-timeout", "none-dynamic").also("none-dynamic", "none-static").hidden(),
		fBool("log", "false"),
		fStr("log-prefix").shownEmpty(),
	}
	fields = append(fields, extra...)
	fields = append(fields, tail()...)
	return &menu{
		path: path, table: table,
		canAdd: true, canRemove: true, canMove: true, showDynamic: true,
		fields: fields,
		check: func(d *db, r, old *row) error {
			if r.vals["action"] == "jump" && r.vals["jump-target"] == "" {
				return errMissing("jump-target")
			}
			// Wording seen from RouterOS (tik4net issue #52).
			if r.vals["src-port"] != "" || r.vals["dst-port"] != "" || r.vals["port"] != "" {
				switch strings.TrimPrefix(r.vals["protocol"], "!") {
				case "tcp", "udp", "udp-lite", "dccp", "sctp":
				default:
					return failure("ports can be specified if proto is tcp,udp,udp-lite,dccp,sctp")
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("invalid", "false")
			p.set("bytes", "0")
			p.set("packets", "0")
		},
	}
}

// mangleActions and rawActions: MikroTik manual, "Mangle" and "Raw" pages
// (RouterOS 7 action lists).
var mangleActions = []string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "change-dscp", "change-mss", "change-ttl", "clear-df", "fasttrack-connection", "jump", "log", "mark-connection", "mark-packet", "mark-routing", "passthrough", "return", "route", "set-priority", "sniff-pc", "sniff-tzsp", "strip-ipv4-options"}

var rawActions = []string{"accept", "add-dst-to-address-list", "add-src-to-address-list", "drop", "jump", "log", "notrack", "passthrough", "return"}

// markNeeds is the property each marking action cannot do without.
var markNeeds = map[string]string{
	"mark-connection": "new-connection-mark", "mark-packet": "new-packet-mark", "mark-routing": "new-routing-mark",
	"change-dscp": "new-dscp", "change-mss": "new-mss", "change-ttl": "new-ttl", "set-priority": "new-priority",
}

func mangle() *menu {
	m := firewall("/ip/firewall/mangle", "ip/firewall/mangle", mangleActions,
		fStr("new-connection-mark"),
		fStr("new-packet-mark"),
		fStr("new-routing-mark"),
		fInt("new-dscp", "", 0, 63),
		fStr("new-mss"),
		fStr("new-ttl"),
		fStr("new-priority"),
		fKind("route-dst", kIPv4),
		fBool("passthrough", "true"),
	)
	check := m.check
	m.check = func(d *db, r, old *row) error {
		if err := check(d, r, old); err != nil {
			return err
		}
		if need, ok := markNeeds[r.vals["action"]]; ok && r.vals[need] == "" {
			return errMissing(need)
		}
		return nil
	}
	return m
}

// addressList is /ip/firewall/address-list: entries of named lists. An entry
// with a timeout is dynamic (it does not survive a reboot) and prints the
// time it has left; the emulator does not expire it (unconfirmed how
// RouterOS reports an entry removed while a print runs).
func addressList() *menu {
	return &menu{
		path: "/ip/firewall/address-list", table: "ip/firewall/address-list",
		canAdd: true, canRemove: true,
		fields: join([]*field{
			fStr("list").req(),
			fKind("address", kListAddress).req(),
			fDur("timeout", ""),
		}, tail()),
		check: func(d *db, r, old *row) error {
			return addressListEntryCheck(d, "ip/firewall/address-list", r)
		},
		compute: addressListCompute,
	}
}

// addressListEntryCheck is what IPv4 and IPv6 address lists share: one
// entry per list and address, and the creation time a timeout counts from.
func addressListEntryCheck(d *db, table string, r *row) error {
	for _, o := range d.table(table).rows {
		if o.id != r.id && o.vals["list"] == r.vals["list"] && o.vals["address"] == r.vals["address"] {
			return failure("already have such entry")
		}
	}
	if r.created.IsZero() {
		r.created = d.now()
	}
	return nil
}

// addressListCompute prints an entry's creation time and, for an entry
// with a timeout, the time left (such an entry is dynamic).
func addressListCompute(d *db, r *row, p *props) {
	p.set("creation-time", r.created.UTC().Format("2006-01-02 15:04:05"))
	dynamic := false
	if t, ok := parseDuration(r.vals["timeout"]); ok && r.vals["timeout"] != "" {
		dynamic = true
		left := t - d.now().Sub(r.created).Truncate(time.Second)
		p.set("timeout", formatDuration(max(left, 0)))
	}
	p.set("dynamic", strconv.FormatBool(dynamic || r.dynamic))
}

func firewallMenus() []*menu {
	return []*menu{
		mangle(),
		firewall("/ip/firewall/raw", "ip/firewall/raw", rawActions),
		addressList(),
		firewall("/ip/firewall/filter", "ip/firewall/filter", filterActions,
			fEnum("reject-with", "", "icmp-admin-prohibited", "icmp-host-prohibited", "icmp-host-unreachable", "icmp-net-prohibited", "icmp-network-unreachable", "icmp-port-unreachable", "icmp-protocol-unreachable", "tcp-reset"),
			// Manual, "Filter": hw-offload with action fasttrack-connection
			// (defconf's fasttrack rule has hw-offload=yes).
			fBool("hw-offload", ""),
		),
		firewall("/ip/firewall/nat", "ip/firewall/nat", natActions,
			fKind("to-addresses", kAddrMatch),
			fKind("to-ports", kPorts),
		),
	}
}
