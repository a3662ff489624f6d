package routeros

import (
	"strings"
	"testing"
)

// Each record type needs its field, and only a DNS record's own type's
// fields are used; the problem names the field.
func TestCheckDNSRecord(t *testing.T) {
	for _, tc := range []struct {
		name    string
		known   map[string]string
		unknown []string
		want    string // "field:error" or "field:warn"; "" means no problem
	}{
		{"A with address", map[string]string{"name": "a.lab", "address": "10.0.0.1"}, nil, ""},
		{"A without address", map[string]string{"name": "a.lab"}, nil, "address:error"},
		{"A address unknown yet", map[string]string{"name": "a.lab"}, []string{"address"}, ""},
		{"A with IPv6", map[string]string{"name": "a.lab", "address": "2001:db8::1"}, nil, "address:error"},
		{"AAAA with IPv4", map[string]string{"name": "a.lab", "type": "AAAA", "address": "10.0.0.1"}, nil, "address:error"},
		{"AAAA", map[string]string{"name": "a.lab", "type": "AAAA", "address": "2001:db8::1"}, nil, ""},
		{"CNAME without cname", map[string]string{"name": "a.lab", "type": "CNAME"}, nil, "cname:error"},
		{"FWD without forward-to", map[string]string{"regexp": ".*\\.corp$", "type": "FWD"}, nil, "forward-to:error"},
		{"FWD", map[string]string{"name": "corp", "type": "FWD", "forward-to": "10.1.1.1", "match-subdomain": "yes"}, nil, ""},
		{"MX", map[string]string{"name": "lab", "type": "MX", "mx-exchange": "mail.lab", "mx-preference": "10"}, nil, ""},
		{"SRV without target", map[string]string{"name": "_ldap._tcp.lab", "type": "SRV", "srv-port": "389"}, nil, "srv-target:error"},
		{"TXT without text", map[string]string{"name": "lab", "type": "TXT"}, nil, "text:error"},
		{"NXDOMAIN", map[string]string{"name": "ads.lab", "type": "NXDOMAIN"}, nil, ""},
		{"neither name nor regexp", map[string]string{"address": "10.0.0.1"}, nil, "name:error"},
		{"both name and regexp", map[string]string{"name": "a.lab", "regexp": "a", "address": "10.0.0.1"}, nil, "regexp:error"},
		{"cname on an A record", map[string]string{"name": "a.lab", "address": "10.0.0.1", "cname": "b.lab"}, nil, "cname:warn"},
		{"type unknown yet", map[string]string{"name": "a.lab"}, []string{"type"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := configValues{known: tc.known, unknown: map[string]bool{}}
			for _, u := range tc.unknown {
				v.unknown[u] = true
			}
			var got []string
			for _, p := range checkDNSRecord(v) {
				got = append(got, p.field+":"+map[bool]string{true: "warn", false: "error"}[p.warn])
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("problems %v, want %q", got, tc.want)
			}
		})
	}
}
