package routeros

import (
	"regexp"
	"strconv"
	"strings"
)

// Firewall matcher values. Which values RouterOS accepts is from MikroTik's
// firewall manual (ports "integer[-integer]: 0..65535" in lists; protocol
// "name or protocol ID"; connection-state established, invalid, new,
// related, untracked; addresses as a.b.c.d, a.b.c.d/0..32 or a range
// a.b.c.d-e.f.g.h), and the names of protocols from the lists other clients
// validate against (terraform-routeros: ip_ipsec_policy and
// interface_bridge_filter). The wordings of the refusals follow RouterOS's
// general ones ("value of x out of range (a..b)", "input does not match any
// value of x", "invalid value for argument x") but are unconfirmed for these
// arguments; see doc.go.

// ipProtocols are the protocol names RouterOS 7 accepts in firewall rules.
var ipProtocols = []string{
	"dccp", "ddp", "egp", "encap", "etherip", "ggp", "gre", "hmp", "icmp", "icmpv6", "idpr-cmtp",
	"igmp", "ipencap", "ipip", "ipsec-ah", "ipsec-esp", "ipv6", "ipv6-encap", "ipv6-frag",
	"ipv6-nonxt", "ipv6-opts", "ipv6-route", "iso-tp4", "l2tp", "ospf", "pim", "pup", "rdp",
	"rspf", "rsvp", "sctp", "st", "tcp", "udp", "udp-lite", "vmtp", "vrrp", "xns-idp", "xtp",
}

// normalizeMatcher validates a firewall matcher value without its "!"
// negation and returns it as printed.
// dnsName is a host name an address-list entry may hold instead of an address.
var dnsName = regexp.MustCompile(`^(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$`)

func (f *field) normalizeMatcher(v string) (string, error) {
	switch f.kind {
	case kPorts:
		return f.normalizePorts(v)
	case kProtocol:
		if isDigits(v) {
			n, err := strconv.Atoi(v)
			if err != nil || n > 255 {
				return "", argErr("value of %s out of range (0..255)", f.name)
			}
			return v, nil // printed as given (unconfirmed: RouterOS may print the name)
		}
		for _, p := range ipProtocols {
			if strings.EqualFold(p, v) {
				return p, nil
			}
		}
		return "", errNoMatch(f.name)
	case kFlags:
		if f.itemNeg {
			return negatedFlags(f, v)
		}
		items := splitList(v)
		if len(items) == 0 {
			return "", errNoMatch(f.name)
		}
		for i, it := range items {
			canon := ""
			for _, e := range f.enum {
				if strings.EqualFold(e, it) {
					canon = e
				}
			}
			if canon == "" {
				return "", errNoMatch(f.name)
			}
			items[i] = canon
		}
		return strings.Join(items, ","), nil
	case kAddrMatch:
		if !validAddrMatch(v) {
			return "", argErr("invalid value for argument %s", f.name)
		}
		return v, nil // printed as given (RouterOS masks host bits and drops /32; not modelled)
	case kListAddress:
		// A DNS name is resolved by the router into dynamic entries of the
		// same list (not modelled: the emulator has no resolver).
		if validAddrMatch(v) || dnsName.MatchString(v) {
			return v, nil
		}
		return "", argErr("invalid value for argument %s", f.name)
	}
	return v, nil
}

// normalizePorts checks a list of ports and port ranges, 0..65535.
func (f *field) normalizePorts(v string) (string, error) {
	items := splitList(v)
	if len(items) == 0 {
		return "", argErr("invalid value for argument %s", f.name)
	}
	for _, it := range items {
		lo, hi, isRange := strings.Cut(it, "-")
		if !isRange {
			hi = lo
		}
		if !isDigits(lo) || !isDigits(hi) {
			return "", argErr("invalid value for argument %s", f.name)
		}
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil || a > 65535 || b > 65535 {
			return "", argErr("value of %s out of range (0..65535)", f.name)
		}
		if a > b {
			return "", argErr("invalid value for argument %s", f.name)
		}
	}
	return strings.Join(items, ","), nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validAddrMatch accepts a.b.c.d, a.b.c.d/0..32, a.b.c.d/m.m.m.m (a
// contiguous netmask) and a range a.b.c.d-e.f.g.h with a <= b.
func validAddrMatch(v string) bool {
	if lo, hi, ok := strings.Cut(v, "-"); ok {
		a, ok1 := parseIPv4(lo)
		b, ok2 := parseIPv4(hi)
		return ok1 && ok2 && !b.Less(a)
	}
	addr, mask, hasMask := strings.Cut(v, "/")
	if _, ok := parseIPv4(addr); !ok {
		return false
	}
	if !hasMask {
		return true
	}
	if isDigits(mask) {
		n, err := strconv.Atoi(mask)
		return err == nil && n <= 32
	}
	m, ok := parseIPv4(mask)
	if !ok {
		return false
	}
	bits := m.As4()
	u := uint32(bits[0])<<24 | uint32(bits[1])<<16 | uint32(bits[2])<<8 | uint32(bits[3])
	return isContiguous(u)
}

// isContiguous reports whether the mask's one bits are all leading.
func isContiguous(u uint32) bool { return ^u&(^u+1) == 0 }
