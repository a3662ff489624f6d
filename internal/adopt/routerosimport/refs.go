package routerosimport

import (
	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
)

// What a reference field names.
type target int

const (
	tIface target = iota + 1
	tBridge
	tList
	tPool
	tDHCP
	tIfaceOrList
	tDHCPOption
	tDHCPOptionSet
)

// refFields are, per resource type, the fields whose value names another
// object. Fields that could form a dependency cycle (a pool's next-pool, a
// list's include, a rule's jump-target) stay literals.
var refFields = map[string]map[string]target{
	"interface_vlan":            {"interface": tIface},
	"interface_bonding":         {"slaves": tIface, "primary": tIface},
	"interface_bridge_port":     {"bridge": tBridge, "interface": tIfaceOrList},
	"interface_bridge_vlan":     {"bridge": tBridge, "tagged": tIfaceOrList, "untagged": tIfaceOrList},
	"interface_list_member":     {"list": tList, "interface": tIface},
	"ip_address":                {"interface": tIface},
	"ip_dhcp_server":            {"interface": tIface, "address-pool": tPool},
	"ip_dhcp_server_lease":      {"server": tDHCP},
	"ip_dhcp_server_network":    {"dhcp-option": tDHCPOption, "dhcp-option-set": tDHCPOptionSet},
	"ip_dhcp_server_option_set": {"options": tDHCPOption},
	"ip_dhcp_client":            {"interface": tIface},
	"interface_wireguard_peer":  {"interface": tIface},
	"ip_firewall_filter":        ruleRefs,
	"ip_firewall_nat":           ruleRefs,
	"ip_firewall_mangle":        ruleRefs,
	"ip_firewall_raw":           ruleRefs,
}

// ruleRefs: a negated matcher (`!ether1`) stays a literal, as it is not a name.
var ruleRefs = map[string]target{"in-interface": tIface, "out-interface": tIface, "in-interface-list": tList, "out-interface-list": tList}

// ifaceTypes are the resource types whose rows are interfaces (named in
// /interface), and what else each is a target of.
var ifaceTypes = map[string][]target{
	"interface_ethernet":  {tIface},
	"interface_vlan":      {tIface},
	"interface_bonding":   {tIface},
	"interface_bridge":    {tIface, tBridge},
	"interface_wireguard": {tIface},
}

// refIndex maps the names of imported objects to their addresses.
type refIndex map[target]map[string]string

func (x refIndex) put(t target, name, addr string) {
	if name == "" {
		return
	}
	if x[t] == nil {
		x[t] = map[string]string{}
	}
	x[t][name] = addr
}

// add records an imported row under the names it can be referred to by.
func (x refIndex) add(typ string, row client.Row, addr string) {
	for _, t := range ifaceTypes[typ] {
		x.put(t, row["name"], addr)
	}
	switch typ {
	case "interface_list":
		x.put(tList, row["name"], addr)
	case "ip_pool":
		x.put(tPool, row["name"], addr)
	case "ip_dhcp_server":
		x.put(tDHCP, row["name"], addr)
	case "ip_dhcp_server_option":
		x.put(tDHCPOption, row["name"], addr)
	case "ip_dhcp_server_option_set":
		x.put(tDHCPOptionSet, row["name"], addr)
	}
}

// ref is a reference to the imported object a field's value names
// (`homelab_routeros_interface_bridge.bridge_proxmox.name`), else the literal.
func (x refIndex) ref(typ, field, value string) adopt.Value {
	t := refFields[typ][field]
	var addr string
	switch t {
	case 0:
	case tIfaceOrList:
		if addr = x[tIface][value]; addr == "" {
			addr = x[tList][value]
		}
	default:
		addr = x[t][value]
	}
	if addr == "" {
		return adopt.String(value)
	}
	return adopt.Ref(addr + ".name")
}
