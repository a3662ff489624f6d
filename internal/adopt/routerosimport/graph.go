package routerosimport

import (
	"sort"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// ifaceKinds: how each interface menu is drawn.
var ifaceKinds = map[string]string{
	"/interface/ethernet": adopt.KindPort,
	"/interface/bonding":  adopt.KindBond,
	"/interface/vlan":     adopt.KindVLAN,
	"/interface/bridge":   adopt.KindBridge,
}

// graph draws the network from the static rows: ports -> bonds and VLANs ->
// bridges -> addresses and DHCP servers. Only connected interfaces are drawn.
func graph(t tables) adopt.Graph {
	kind := map[string]string{}
	label := map[string]string{}
	for path, k := range ifaceKinds {
		for _, r := range static(t[path]) {
			kind[r["name"]] = k
			label[r["name"]] = r["name"]
		}
	}
	for _, r := range static(t["/interface/vlan"]) {
		label[r["name"]] = r["name"] + " (VLAN " + r["vlan-id"] + ")"
	}
	var g adopt.Graph
	used := map[string]bool{}
	iface := func(name string) string {
		used[name] = true
		return adopt.NodeID("if", name)
	}
	edge := func(from, to, lbl string) { g.Edges = append(g.Edges, adopt.Edge{From: from, To: to, Label: lbl}) }
	for _, r := range static(t["/interface/bonding"]) {
		for _, s := range menu.SplitList(r["slaves"]) {
			edge(iface(s), iface(r["name"]), "")
		}
	}
	for _, r := range static(t["/interface/vlan"]) {
		edge(iface(r["interface"]), iface(r["name"]), "")
	}
	for _, r := range static(t["/interface/bridge/port"]) {
		lbl := ""
		if p := r["pvid"]; p != "" && p != "1" {
			lbl = "pvid " + p
		}
		edge(iface(r["interface"]), iface(r["bridge"]), lbl)
	}
	for _, r := range static(t["/ip/address"]) {
		id := adopt.NodeID("addr", r["address"]+"-"+r["interface"])
		g.Nodes = append(g.Nodes, adopt.Node{ID: id, Label: r["address"], Kind: adopt.KindAddress})
		edge(iface(r["interface"]), id, "")
	}
	for _, r := range static(t["/ip/dhcp-server"]) {
		id := adopt.NodeID("dhcp", r["name"])
		lbl := "DHCP " + r["name"]
		if p := r["address-pool"]; p != "" && p != "static-only" {
			lbl += " (pool " + p + ")"
		}
		g.Nodes = append(g.Nodes, adopt.Node{ID: id, Label: lbl, Kind: adopt.KindDHCP})
		edge(iface(r["interface"]), id, "")
	}
	names := make([]string, 0, len(used))
	for n := range used {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		l := label[n]
		if l == "" {
			l = n
		}
		g.Nodes = append(g.Nodes, adopt.Node{ID: adopt.NodeID("if", n), Label: l, Kind: kind[n]})
	}
	return g
}
