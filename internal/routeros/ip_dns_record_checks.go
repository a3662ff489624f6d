package routeros

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// dnsTypeFields are the fields each record type uses; the first is the one
// it cannot do without (RouterOS refuses the record without it: "missing
// value(s) of argument(s) cname" and the like).
var dnsTypeFields = map[string][]string{
	"A":        {"address"},
	"AAAA":     {"address"},
	"CNAME":    {"cname"},
	"FWD":      {"forward-to"},
	"MX":       {"mx-exchange", "mx-preference"},
	"NS":       {"ns"},
	"SRV":      {"srv-target", "srv-port", "srv-priority", "srv-weight"},
	"TXT":      {"text"},
	"NXDOMAIN": nil,
}

func checkDNSRecord(v configValues) []configProblem {
	var out []configProblem
	switch {
	case v.has("name") && v.has("regexp"):
		out = append(out, configProblem{field: "regexp", summary: "Invalid DNS record",
			detail: "set name or regexp, not both: a record answers for one name (and, with match_subdomain, its subdomains) or for the names a regexp matches"})
	case v.missing("name") && v.missing("regexp"):
		out = append(out, configProblem{field: "name", summary: "Invalid DNS record",
			detail: "set name (or regexp): the name the record answers for"})
	}
	if v.unknown["type"] {
		return out
	}
	typ := v.known["type"]
	if typ == "" {
		typ = "A"
	}
	fields, ok := dnsTypeFields[strings.ToUpper(typ)]
	if !ok {
		return out // the type's own validator reports it
	}
	typ = strings.ToUpper(typ)
	if len(fields) > 0 && v.missing(fields[0]) {
		out = append(out, configProblem{field: fields[0], summary: "Invalid DNS record",
			detail: fmt.Sprintf("a type %s record needs %s", typ, attrName(fields[0]))})
	}
	if a, err := netip.ParseAddr(v.known["address"]); err == nil && (typ == "A" || typ == "AAAA") && a.Is4() != (typ == "A") {
		want := map[bool]string{true: "an IPv4 address (use type = \"AAAA\" for IPv6)", false: "an IPv6 address (use type = \"A\" for IPv4)"}[typ == "A"]
		out = append(out, configProblem{field: "address", summary: "Invalid DNS record",
			detail: fmt.Sprintf("the address of a type %s record must be %s, not %q", typ, want, v.known["address"])})
	}
	for other, ofields := range dnsTypeFields {
		for _, f := range ofields {
			if v.has(f) && !slices.Contains(fields, f) {
				out = append(out, configProblem{field: f, warn: true, summary: "Field not used by this record type",
					detail: fmt.Sprintf("%s belongs to type %s records; a type %s record does not use it", attrName(f), other, typ)})
			}
		}
	}
	return out
}

func attrName(field string) string { return strings.ReplaceAll(field, "-", "_") }
