package routerosimport

import (
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// baseName is the name a row's address is derived from: what a person calls
// the object (a port by its interface, a lease by its comment or MAC).
// Names.Take makes it unique.
func baseName(spec *menu.Spec, row client.Row) string {
	if spec.Singleton {
		return "router"
	}
	switch spec.Type {
	case "interface_bridge_port":
		return adopt.Ident(row["interface"], "port")
	case "interface_bridge_vlan":
		return adopt.Ident(row["bridge"]+"-vlan-"+row["vlan-ids"], "vlan")
	case "interface_list_member":
		return adopt.Ident(row["list"]+"-"+row["interface"], "member")
	case "ip_address":
		return adopt.Ident(row["interface"], "ip")
	case "ip_firewall_address_list":
		return adopt.Ident(row["list"]+"-"+row["address"], "list")
	case "ip_route":
		return adopt.Ident("route-"+row["dst-address"], "route")
	case "ip_dhcp_server_network":
		return adopt.Ident(row["address"], "net")
	case "ip_dhcp_server_lease":
		if c := row["comment"]; c != "" {
			return adopt.Ident(c, "lease")
		}
		return "mac_" + adopt.Ident(row["mac-address"], "")
	case "ip_dns_record":
		name := row["name"]
		if name == "" {
			name = row["regexp"]
		}
		if t := row["type"]; t != "" && t != "A" {
			name += "-" + t
		}
		return adopt.Ident(name, "dns")
	}
	if n := row["name"]; n != "" {
		return adopt.Ident(n, "r")
	}
	for _, k := range spec.Key {
		if v := row[k]; v != "" {
			return adopt.Ident(v, "r")
		}
	}
	return adopt.Ident("row-"+strings.TrimPrefix(row[".id"], "*"), "row")
}

// describe names a row in the report and in messages: its natural key, else its .id.
func describe(spec *menu.Spec, row client.Row) string {
	if spec.Singleton {
		return spec.Path
	}
	var parts []string
	for _, k := range spec.Key {
		if v := row[k]; v != "" {
			parts = append(parts, v)
		}
	}
	if n := row["name"]; len(parts) == 0 && n != "" {
		parts = append(parts, n)
	}
	if len(parts) == 0 {
		return row[".id"]
	}
	return strings.Join(parts, " ")
}
