package routeros

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
		fStr("jump-target"),
		fStr("address-list"),
		fDur("address-list-timeout", "none-dynamic").also("none-dynamic", "none-static").hidden(),
		fBool("log", "false"),
		fStr("log-prefix"),
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
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			p.set("invalid", "false")
			p.set("bytes", "0")
			p.set("packets", "0")
		},
	}
}

func firewallMenus() []*menu {
	return []*menu{
		firewall("/ip/firewall/filter", "ip/firewall/filter", filterActions,
			fEnum("reject-with", "", "icmp-admin-prohibited", "icmp-host-prohibited", "icmp-host-unreachable", "icmp-net-prohibited", "icmp-network-unreachable", "icmp-port-unreachable", "icmp-protocol-unreachable", "tcp-reset"),
		),
		firewall("/ip/firewall/nat", "ip/firewall/nat", natActions,
			fKind("to-addresses", kAddrMatch),
			fKind("to-ports", kPorts),
		),
	}
}
