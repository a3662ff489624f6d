package routeros

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// Plan-time checks of firewall matchers, so a typo fails at `tofu plan`
// naming rule[i].attribute instead of at apply (or never, where the router
// would take it). The syntax is the one in MikroTik's /ip/firewall manual.

// negatable strips the leading "!" RouterOS accepts on most matchers.
func negatable(s string) string { return strings.TrimPrefix(s, "!") }

// checkPorts accepts a port list: "22", "22,443", "8000-8080", "!53".
var checkPorts = validate.StringFunc("port list", func(s string) error {
	for _, item := range strings.Split(negatable(s), ",") {
		lo, hi, isRange := strings.Cut(item, "-")
		a, okA := port(lo)
		b, okB := a, true
		if isRange {
			b, okB = port(hi)
		}
		switch {
		case !okA || !okB:
			return fmt.Errorf("%q is not a port list such as 22,443 or 8000-8080: %q is not a port 0-65535", s, item)
		case b < a:
			return fmt.Errorf("%q: the range %q ends before it starts", s, item)
		}
	}
	return nil
})

// port reads a port number written the plain way (no sign, no leading zero).
func port(s string) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 65535 && s == strconv.Itoa(n)
}

// ipProtocols are the protocol names /ip/firewall accepts besides numbers
// 0-255 (MikroTik manual, IP/Firewall/Filter, "protocol").
var ipProtocols = []string{"dccp", "ddp", "egp", "encap", "etherip", "ggp", "gre", "hmp", "icmp", "icmpv6", "idpr-cmtp",
	"igmp", "ipencap", "ipip", "ipsec-ah", "ipsec-esp", "ipv6", "ipv6-encap", "ipv6-frag", "ipv6-nonxt", "ipv6-opts",
	"ipv6-route", "iso-tp4", "l2tp", "ospf", "pim", "pup", "rdp", "rspf", "rsvp", "sctp", "st", "tcp", "udp", "udp-lite",
	"vmtp", "vrrp", "xns-idp", "xtp"}

var checkProtocol = validate.StringFunc("IP protocol", func(s string) error {
	p := negatable(s)
	if slices.Contains(ipProtocols, p) {
		return nil
	}
	if n, err := strconv.Atoi(p); err == nil && n >= 0 && n <= 255 && p == strconv.Itoa(n) {
		return nil
	}
	return fmt.Errorf("%q is not an IP protocol: use a name such as tcp, udp, icmp, gre, or a number 0-255", s)
})

// connectionStates are the connection-state values, plain and negated (the
// router shows a negated set as !established,related).
var connectionStates = func() []string {
	states := []string{"established", "invalid", "new", "related", "untracked"}
	for _, s := range states[:5] {
		states = append(states, "!"+s)
	}
	return states
}()

// checkAddress accepts what src-address/dst-address take: an IPv4 address,
// a network with a prefix of 0-32, or a range a-b, each optionally negated.
var checkAddress = validate.StringFunc("IPv4 address, network or range", func(s string) error {
	v := negatable(s)
	err := validate.IPv4RangeError(v)
	if err != nil && !strings.Contains(v, "-") {
		return fmt.Errorf("%q is not an IPv4 address, network (prefix 0-32, e.g. 10.0.0.0/8) or range", s)
	}
	return err
})

// maxNameLength bounds names RouterOS items are referred to by. RouterOS
// does not document the limit; see checkName.
const maxNameLength = 255

// nameErr checks a RouterOS item name (interfaces, lists, pools, chains):
// printable, at most maxNameLength characters.
func nameErr(s string) error {
	if len(s) > maxNameLength {
		return fmt.Errorf("a name of %d characters is too long: at most %d", len(s), maxNameLength)
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return fmt.Errorf("%q holds a control character", s)
		}
	}
	return nil
}

var (
	checkName        = validate.StringFunc("RouterOS name", nameErr)
	checkNegatedName = validate.StringFunc("RouterOS name, `!` negates", func(s string) error { return nameErr(negatable(s)) })
)
