package adopt

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Graph is the network diagram of the report: what is connected to what.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Node kinds, each drawn with its own shape.
const (
	KindPort    = "port"
	KindBond    = "bond"
	KindVLAN    = "vlan"
	KindBridge  = "bridge"
	KindAddress = "address"
	KindDHCP    = "dhcp"
	KindHost    = "host"  // a hypervisor node
	KindGuest   = "guest" // a container or VM
)

// Node is one box. ID must be unique in the graph; Label is what it shows.
type Node struct {
	ID, Label, Kind string
}

// Edge is an arrow from a lower layer to what is built on it (port -> bond).
type Edge struct {
	From, To, Label string
}

var shapes = map[string][2]string{
	KindPort:    {"[", "]"},
	KindBond:    {"[[", "]]"},
	KindVLAN:    {"([", "])"},
	KindBridge:  {"{{", "}}"},
	KindAddress: {"(", ")"},
	KindDHCP:    {"[(", ")]"},
	KindHost:    {"[/", "/]"},
	KindGuest:   {">", "]"},
}

// Mermaid renders the graph as a Mermaid flowchart, nodes and edges sorted
// so that the same network always draws the same text.
func (g Graph) Mermaid() string {
	nodes := slices.Clone(g.Nodes)
	slices.SortFunc(nodes, func(a, b Node) int { return cmp.Compare(a.ID, b.ID) })
	edges := slices.Clone(g.Edges)
	slices.SortFunc(edges, func(a, b Edge) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To), cmp.Compare(a.Label, b.Label))
	})
	edges = slices.Compact(edges)
	var b strings.Builder
	b.WriteString("graph LR\n")
	for _, n := range nodes {
		s, ok := shapes[n.Kind]
		if !ok {
			s = shapes[KindPort]
		}
		fmt.Fprintf(&b, "  %s%s\"%s\"%s\n", n.ID, s[0], mermaidText(n.Label), s[1])
	}
	for _, e := range edges {
		if e.Label != "" {
			fmt.Fprintf(&b, "  %s -->|\"%s\"| %s\n", e.From, mermaidText(e.Label), e.To)
		} else {
			fmt.Fprintf(&b, "  %s --> %s\n", e.From, e.To)
		}
	}
	return b.String()
}

// mermaidText escapes a label for a quoted Mermaid string.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "\n", " ", "<", "#lt;", ">", "#gt;").Replace(s)
}

// NodeID is a Mermaid node id for an object of a kind: kind_name as an identifier.
func NodeID(kind, name string) string { return Ident(kind+"_"+name, "n") }
