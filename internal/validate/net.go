package validate

import (
	"fmt"
	"net"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// IPv4 accepts a dotted-quad IPv4 address such as "10.10.0.1".
func IPv4() validator.String {
	return StringFunc("IPv4 address", func(s string) error {
		a, err := netip.ParseAddr(s)
		if err != nil || !a.Is4() {
			return fmt.Errorf("%q is not an IPv4 address such as 10.10.0.1", s)
		}
		return nil
	})
}

// IP accepts an IPv4 or IPv6 address.
func IP() validator.String {
	return StringFunc("IP address", func(s string) error {
		if a, err := netip.ParseAddr(s); err != nil || a.Zone() != "" {
			return fmt.Errorf("%q is not an IPv4 or IPv6 address such as 1.1.1.1 or 2606:4700:4700::1111", s)
		}
		return nil
	})
}

// IPv4Prefix accepts an IPv4 address with a prefix length, host bits allowed,
// such as "10.10.0.1/24" (an interface address).
func IPv4Prefix() validator.String {
	return StringFunc("IPv4 address with prefix length", func(s string) error {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is4() {
			return fmt.Errorf("%q is not an IPv4 address with prefix length such as 10.10.0.1/24", s)
		}
		return nil
	})
}

// IPv4Network accepts an IPv4 network in CIDR form with no host bits set,
// such as "10.10.0.0/24".
func IPv4Network() validator.String {
	return StringFunc("IPv4 network (CIDR)", func(s string) error {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Addr().Is4() {
			return fmt.Errorf("%q is not an IPv4 network in CIDR form such as 10.10.0.0/24", s)
		}
		if p.Masked() != p {
			return fmt.Errorf("%q has host bits set: the network is %s", s, p.Masked())
		}
		return nil
	})
}

// IPv4Range accepts "a.b.c.d-a.b.c.e" (first <= last), a single address, or a
// CIDR network.
func IPv4Range() validator.String {
	return StringFunc("IPv4 range", IPv4RangeError)
}

// IPv4RangeError is IPv4Range's check, for validators that accept more
// (e.g. a negated range).
func IPv4RangeError(s string) error {
	if first, last, ok := strings.Cut(s, "-"); ok {
		a, err1 := netip.ParseAddr(first)
		b, err2 := netip.ParseAddr(last)
		if err1 != nil || err2 != nil || !a.Is4() || !b.Is4() {
			return fmt.Errorf("%q is not an IPv4 range such as 10.10.0.100-10.10.0.200", s)
		}
		if b.Less(a) {
			return fmt.Errorf("%q ends before it starts", s)
		}
		return nil
	}
	if a, err := netip.ParseAddr(s); err == nil && a.Is4() {
		return nil
	}
	if p, err := netip.ParsePrefix(s); err == nil && p.Addr().Is4() {
		return nil
	}
	return fmt.Errorf("%q is not an IPv4 range such as 10.10.0.100-10.10.0.200 or 10.10.0.0/25", s)
}

// MAC accepts a 48-bit MAC address written with colons, such as "02:00:00:AA:BB:01".
func MAC() validator.String {
	return StringFunc("MAC address", func(s string) error {
		hw, err := net.ParseMAC(s)
		if err != nil || len(hw) != 6 || strings.Count(s, ":") != 5 {
			return fmt.Errorf("%q is not a MAC address such as 02:00:00:AA:BB:01", s)
		}
		return nil
	})
}

// Hostname accepts a DNS name (labels of letters, digits and hyphens).
func Hostname() validator.String {
	return StringFunc("DNS name", func(s string) error {
		n := strings.TrimSuffix(s, ".")
		if n == "" || len(n) > 253 {
			return fmt.Errorf("%q is not a DNS name", s)
		}
		for _, l := range strings.Split(n, ".") {
			if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
				return fmt.Errorf("%q is not a DNS name: bad label %q", s, l)
			}
			for _, r := range l {
				if !(r == '-' || r == '_' || r == '*' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
					return fmt.Errorf("%q is not a DNS name: %q is not allowed", s, r)
				}
			}
		}
		return nil
	})
}
