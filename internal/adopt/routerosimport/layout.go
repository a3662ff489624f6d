package routerosimport

// layout says which file each resource type goes into and in which order
// types are written, the way a person would lay a router out. A type the
// provider gains later goes into router-other.tf until it is placed here.
var layout = []struct{ typ, file string }{
	{"interface_ethernet", "router-interfaces.tf"},
	{"interface_bonding", "router-interfaces.tf"},
	{"interface_vlan", "router-interfaces.tf"},
	{"interface_wireguard", "router-interfaces.tf"},
	{"interface_wireguard_peer", "router-interfaces.tf"},
	{"interface_bridge", "router-interfaces.tf"},
	{"interface_bridge_port", "router-interfaces.tf"},
	{"interface_bridge_vlan", "router-interfaces.tf"},
	{"interface_list", "router-interfaces.tf"},
	{"interface_list_member", "router-interfaces.tf"},
	{"ip_address", "router-ip.tf"},
	{"ip_pool", "router-ip.tf"},
	{"ip_route", "router-ip.tf"},
	{"ip_dhcp_client", "router-dhcp.tf"},
	{"ip_dhcp_server", "router-dhcp.tf"},
	{"ip_dhcp_server_option", "router-dhcp.tf"},
	{"ip_dhcp_server_option_set", "router-dhcp.tf"},
	{"ip_dhcp_server_network", "router-dhcp.tf"},
	{"ip_dhcp_server_lease", "router-dhcp.tf"},
	{"ip_dns", "router-dns.tf"},
	{"ip_dns_record", "router-dns.tf"},
	{"ip_firewall_address_list", "router-firewall.tf"},
	{"ip_firewall_filter", "router-firewall.tf"},
	{"ip_firewall_nat", "router-firewall.tf"},
	{"ip_firewall_mangle", "router-firewall.tf"},
	{"ip_firewall_raw", "router-firewall.tf"},
	{"system_identity", "router-system.tf"},
}

const otherFile = "router-other.tf"

func fileOf(typ string) string {
	for _, l := range layout {
		if l.typ == typ {
			return l.file
		}
	}
	return otherFile
}

// rank orders types: layout order, then types not in the layout.
func rank(typ string) int {
	for i, l := range layout {
		if l.typ == typ {
			return i
		}
	}
	return len(layout)
}
