package proxmoximport

import (
	"fmt"
	"strconv"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

// graph draws the cluster for the report: nodes -> guests -> the bridges
// of their node they are plugged into, the edge labelled with the NIC and
// its VLAN tag.
func graph(cl *cluster) adopt.Graph {
	var g adopt.Graph
	for _, n := range cl.nodes {
		g.Nodes = append(g.Nodes, adopt.Node{ID: adopt.NodeID("pve", n), Label: n, Kind: adopt.KindHost})
	}
	bridges := map[string]bool{}
	for _, gu := range cl.guests {
		if gu.template {
			continue
		}
		id := adopt.NodeID("guest", strconv.FormatInt(gu.vmid, 10))
		g.Nodes = append(g.Nodes, adopt.Node{ID: id, Label: gu.describe(), Kind: adopt.KindGuest})
		g.Edges = append(g.Edges, adopt.Edge{From: adopt.NodeID("pve", gu.node), To: id})
		def := ""
		if gu.kind == "lxc" {
			def = "name"
		}
		for _, i := range indexedKeys(gu.cfg, "net") {
			p := parseProps(str(gu.cfg["net"+strconv.Itoa(i)]), def)
			br := p.get("bridge")
			if br == "" {
				continue
			}
			bid := adopt.NodeID("br", gu.node+"-"+br)
			if !bridges[bid] {
				bridges[bid] = true
				g.Nodes = append(g.Nodes, adopt.Node{ID: bid, Label: br + " (" + gu.node + ")", Kind: adopt.KindBridge})
			}
			label := "net" + strconv.Itoa(i)
			if t := p.get("tag"); t != "" {
				label = fmt.Sprintf("%s VLAN %s", label, t)
			}
			g.Edges = append(g.Edges, adopt.Edge{From: id, To: bid, Label: label})
		}
	}
	return g
}
