package routeros

import (
	"slices"
	"strings"
	"testing"
)

// TestQueries drives print queries with raw words (go-routeros's own reader
// cannot send them through Run either way, but its words are the same).
func TestQueries(t *testing.T) {
	s, c := client(t, Config{EthernetPorts: 4})
	mustRun(t, s, "/interface/vlan/add", "=name=v10", "=vlan-id=10", "=interface=ether1", "=comment=lan")
	mustRun(t, s, "/interface/vlan/add", "=name=v20", "=vlan-id=20", "=interface=ether2")
	mustRun(t, s, "/interface/bridge/add", "=name=br")
	mustRun(t, s, "/interface/ethernet/disable", "=numbers=ether4")
	for _, tc := range []struct {
		name    string
		menu    string
		queries []string
		want    string // names, comma-joined, in table order
	}{
		{"no query", "/interface", nil, "ether1,ether2,ether3,ether4,v10,v20,br"},
		{"equal", "/interface", []string{"?name=v10"}, "v10"},
		{"equal with = form", "/interface", []string{"?=name=v20"}, "v20"},
		{"by id", "/interface", []string{"?.id=*2"}, "ether2"},
		{"has", "/interface", []string{"?comment"}, "v10"},
		{"lacks", "/interface", []string{"?-comment", "?type=vlan"}, "v20"},
		{"empty equals absent", "/interface/vlan", []string{"?comment="}, "v20"},
		{"greater, non-empty", "/interface", []string{"?>comment="}, "v10"},
		{"numeric less", "/interface/vlan", []string{"?<vlan-id=15"}, "v10"},
		{"numeric greater", "/interface/vlan", []string{"?>vlan-id=15"}, "v20"},
		{"implicit and", "/interface", []string{"?type=ether", "?disabled=true"}, "ether4"},
		{"or", "/interface", []string{"?type=vlan", "?type=bridge", "?#|"}, "v10,v20,br"},
		{"or then not", "/interface", []string{"?type=vlan", "?type=bridge", "?#|!"}, "ether1,ether2,ether3,ether4"},
		{"and of two", "/interface", []string{"?type=vlan", "?name=v20", "?#&"}, "v20"},
		{"index copy", "/interface", []string{"?type=vlan", "?name=v20", "?#1"}, "v10,v20"},
		{"index copy with dot", "/interface", []string{"?type=bridge", "?type=vlan", "?#1.|"}, "br"},
		{"dup and negate", "/interface", []string{"?type=ether", "?#.!|"}, "ether1,ether2,ether3,ether4,v10,v20,br"},
		{"no match", "/interface", []string{"?name=nope"}, ""},
		{"unknown property", "/interface", []string{"?bogus=1"}, ""},
		{"boolean property", "/interface", []string{"?running=false"}, "ether4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			words := append([]string{tc.menu + "/print"}, tc.queries...)
			var names []string
			for _, r := range rows(c.call(words...)) {
				names = append(names, r["name"])
			}
			if got := strings.Join(names, ","); got != tc.want {
				t.Errorf("%q: got %s, want %s", tc.queries, got, tc.want)
			}
		})
	}
}

func TestProplistAndCountOnly(t *testing.T) {
	s, c := client(t, Config{})
	mustRun(t, s, "/interface/vlan/add", "=name=v10", "=vlan-id=10", "=interface=ether1")
	r := rows(c.call("/interface/vlan/print", "=.proplist=.id,name,vlan-id,nonexistent"))
	if len(r) != 1 || len(r[0]) != 3 || r[0]["name"] != "v10" || r[0][".id"] == "" {
		t.Fatalf("proplist: %v", r)
	}
	// getall is print
	if r := rows(c.call("/interface/vlan/getall", "=.proplist=name")); len(r) != 1 || len(r[0]) != 1 {
		t.Fatalf("getall: %v", r)
	}
	reply := c.call("/interface/print", "=count-only=", "?type=ether")
	if len(reply) != 1 || !slices.Equal(reply[0], []string{"!done", "=ret=10"}) {
		t.Fatalf("count-only: %q", reply)
	}
	// a query word of another command is ignored; get returns one value
	reply = c.call("/interface/vlan/get", "=number=v10", "=value-name=vlan-id")
	if attrs(reply[len(reply)-1])["ret"] != "10" {
		t.Fatalf("get: %q", reply)
	}
}
