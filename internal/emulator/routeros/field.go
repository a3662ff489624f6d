package routeros

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// kind is how a field's value is parsed and printed.
type kind int

const (
	kString      kind = iota
	kInt              // decimal, range-checked
	kHex              // number printed as 0x...
	kBool             // yes/no/true/false, printed true/false
	kDuration         // printed 1w2d3h4m5s6ms
	kEnum             // one of enum
	kMAC              // printed upper-case
	kIPv4             // dotted address
	kPrefix           // a.b.c.d/nn
	kIPList           // comma list of addresses
	kList             // free comma list
	kVLANs            // vlan-ids: comma list of ids and ranges 1..4094
	kRef              // name of an item of ref
	kRefList          // comma list of names of ref
	kRanges           // pool ranges
	kPorts            // firewall ports: comma list of ports and ranges 0..65535
	kProtocol         // IP protocol: a name RouterOS knows or a number 0..255
	kFlags            // comma list of values of enum (connection-state)
	kAddrMatch        // firewall address: a.b.c.d, a.b.c.d/nn or a.b.c.d-e.f.g.h
	kListAddress      // address-list entry: an address, network, range or DNS name
	kIPAnyList        // comma list of IPv4 or IPv6 addresses
)

// refKind names what a reference field points at.
type refKind int

const (
	refNone          refKind = iota
	refIface                 // any interface
	refBridge                // a bridge interface
	refIfaceOrList           // an interface or an interface list
	refIfList                // an interface list
	refPool                  // an /ip/pool
	refDHCPServer            // an /ip/dhcp-server
	refWireGuard             // a WireGuard interface
	refDHCPOption            // an /ip/dhcp-server/option
	refDHCPOptionSet         // an /ip/dhcp-server/option/sets
)

// field describes one property of a menu.
type field struct {
	name     string
	kind     kind
	def      string   // printed when unset; "" means omitted when unset
	hideDef  bool     // also omitted when explicitly set to def (RouterOS hides some defaults)
	required bool     // add fails without it
	enum     []string // kEnum values; for other kinds, extra keywords accepted as-is
	min, max int64    // kInt/kHex range when max > 0
	ref      refKind  // kRef/kRefList target
	ro       bool     // read-only: computed by the menu, never accepted
	noUnset  bool     // cannot be unset with =!prop= (RouterOS: required props)
	neg      bool     // a reference that may be negated with a leading "!" (firewall matchers)
	maxLen   int      // kString: longest value in bytes when > 0
	itemNeg  bool     // kFlags: each item may be negated ("!ftp", "!debug")
	// printEmpty: printed as name="" when unset (RouterOS shows some empty
	// properties, e.g. a firewall rule's log-prefix).
	printEmpty bool
}

// Field constructors; the methods below refine them.
func fStr(name string) *field { return &field{name: name, kind: kString} }
func fInt(name string, def string, min, max int64) *field {
	return &field{name: name, kind: kInt, def: def, min: min, max: max}
}
func fBool(name, def string) *field { return &field{name: name, kind: kBool, def: def} }
func fDur(name, def string) *field  { return &field{name: name, kind: kDuration, def: def} }
func fEnum(name, def string, values ...string) *field {
	return &field{name: name, kind: kEnum, def: def, enum: values}
}
func fFlags(name string, values ...string) *field {
	return &field{name: name, kind: kFlags, enum: values}
}
func fRef(name string, k refKind) *field     { return &field{name: name, kind: kRef, ref: k} }
func fRefList(name string, k refKind) *field { return &field{name: name, kind: kRefList, ref: k} }
func fKind(name string, k kind) *field       { return &field{name: name, kind: k} }
func fRO(name string) *field                 { return &field{name: name, kind: kString, ro: true} }

func (f *field) req() *field                  { f.required = true; return f }
func (f *field) dflt(v string) *field         { f.def = v; return f }
func (f *field) hidden() *field               { f.hideDef = true; return f }
func (f *field) also(values ...string) *field { f.enum = append(f.enum, values...); return f }
func (f *field) negatable() *field            { f.neg = true; return f }
func (f *field) keep() *field                 { f.noUnset = true; return f }
func (f *field) maxLength(n int) *field       { f.maxLen = n; return f }
func (f *field) shownEmpty() *field           { f.printEmpty = true; return f }

func (f *field) allows(v string) bool { return slices.Contains(f.enum, v) }

// normalize validates an input value and returns its stored (printed) form.
// Reference fields are resolved by the caller (they need the state).
func (f *field) normalize(v string) (string, error) {
	if f.kind != kEnum && f.kind != kFlags && f.allows(v) {
		return v, nil
	}
	switch f.kind {
	case kString:
		if f.maxLen > 0 && len(v) > f.maxLen {
			return "", argErr("invalid value for argument %s", f.name)
		}
		return v, nil
	case kPorts, kProtocol, kFlags, kAddrMatch, kListAddress:
		neg := ""
		if f.neg && strings.HasPrefix(v, "!") {
			neg, v = "!", v[1:]
		}
		out, err := f.normalizeMatcher(v)
		if err != nil {
			return "", err
		}
		return neg + out, nil
	case kInt, kHex:
		n, ok := parseInt(v)
		if !ok {
			return "", argErr("invalid value for argument %s", f.name)
		}
		if f.max > 0 && (n < f.min || n > f.max) {
			return "", argErr("value of %s out of range (%d..%d)", f.name, f.min, f.max)
		}
		if f.kind == kHex {
			return fmt.Sprintf("0x%X", n), nil
		}
		return strconv.FormatInt(n, 10), nil
	case kBool:
		if b, ok := parseBool(v); ok {
			return b, nil
		}
		return "", argErr("input does not match any value of %s", f.name)
	case kDuration:
		d, ok := parseDuration(v)
		if !ok {
			return "", argErr("invalid value for argument %s", f.name)
		}
		return formatDuration(d), nil
	case kEnum:
		for _, e := range f.enum {
			if strings.EqualFold(e, v) {
				return e, nil
			}
		}
		return "", argErr("input does not match any value of %s", f.name)
	case kMAC:
		if m, ok := parseMAC(v); ok {
			return m, nil
		}
		return "", argErr("invalid value of %s, mac address required", f.name)
	case kIPv4:
		if a, ok := parseIPv4(v); ok {
			return a.String(), nil
		}
		return "", argErr("invalid value for argument %s", f.name)
	case kPrefix:
		if p, ok := parsePrefix(v); ok {
			return p.String(), nil
		}
		return "", argErr("invalid value for argument %s", f.name)
	case kIPList:
		items := splitList(v)
		for i, it := range items {
			a, ok := parseIPv4(it)
			if !ok {
				return "", argErr("invalid value for argument %s", f.name)
			}
			items[i] = a.String()
		}
		return strings.Join(items, ","), nil
	case kIPAnyList:
		items := splitList(v)
		for i, it := range items {
			a, err := netip.ParseAddr(it)
			if err != nil {
				return "", argErr("invalid value for argument %s", f.name)
			}
			items[i] = a.String()
		}
		return strings.Join(items, ","), nil
	case kList, kRefList:
		return strings.Join(splitList(v), ","), nil
	case kVLANs:
		items := splitList(v)
		for _, it := range items {
			lo, hi, isRange := strings.Cut(it, "-")
			if !isRange {
				hi = lo
			}
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil {
				return "", argErr("invalid value for argument %s", f.name)
			}
			if a < 1 || a > 4094 || b < 1 || b > 4094 {
				return "", argErr("value of %s out of range (1..4094)", f.name)
			}
			if a > b {
				return "", argErr("invalid value for argument %s", f.name)
			}
		}
		if len(items) == 0 {
			return "", argErr("invalid value for argument %s", f.name)
		}
		return strings.Join(items, ","), nil
	case kRanges:
		items := splitList(v)
		if len(items) == 0 {
			return "", argErr("invalid value for argument %s", f.name)
		}
		for _, it := range items {
			lo, hi, isRange := strings.Cut(it, "-")
			if strings.Contains(it, "/") {
				if _, ok := parsePrefix(it); !ok {
					return "", argErr("invalid value for argument %s", f.name)
				}
				continue
			}
			a, ok1 := parseIPv4(lo)
			b := a
			ok2 := true
			if isRange {
				b, ok2 = parseIPv4(hi)
			}
			if !ok1 || !ok2 || b.Less(a) {
				return "", argErr("invalid value for argument %s", f.name)
			}
		}
		return strings.Join(items, ","), nil
	case kRef:
		return v, nil
	}
	return v, nil
}

// vlanSet expands a vlan-ids value.
func vlanSet(v string) map[int]bool {
	out := map[int]bool{}
	for _, it := range splitList(v) {
		lo, hi, isRange := strings.Cut(it, "-")
		if !isRange {
			hi = lo
		}
		a, _ := strconv.Atoi(lo)
		b, _ := strconv.Atoi(hi)
		for i := a; i <= b && i > 0; i++ {
			out[i] = true
		}
	}
	return out
}
