package routeros

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// systemNTPClientServers is /system/ntp/client/servers (RouterOS 7): one
// row per static NTP server, with its polling and authentication. Defaults
// from community.routeros's API data; the poll range is RFC 5905's.
var systemNTPClientServers = menu.Spec{
	Type: "system_ntp_client_servers",
	Path: "/system/ntp/client/servers",
	Desc: "A static server of the router's NTP client, with its poll interval and authentication key. Servers a DHCP " +
		"client learns are dynamic rows and are not managed.",
	Key: []string{"address"},
	Fields: []menu.Field{
		{Name: "address", Mode: menu.Required, Desc: "Server address or DNS name, e.g. `10.10.0.1` or `0.pool.ntp.org`",
			Check: []validator.String{validate.StringFunc("IP address or DNS name", ipOrHostname)}},
		{Name: "min-poll", Kind: menu.Int, Default: "6", Min: 3, Max: 17, Desc: "Shortest poll interval, as a power of two seconds (6 = 64 s)"},
		{Name: "max-poll", Kind: menu.Int, Default: "10", Min: 3, Max: 17, Desc: "Longest poll interval, as a power of two seconds (10 = 1024 s)"},
		{Name: "iburst", Kind: menu.Bool, Default: "true", Desc: "Send a burst of packets when the server is unreachable, to synchronise faster"},
		{Name: "auth-key", Default: "none", Desc: "NTP key (`/system/ntp/key`) that authenticates the server, or `none`", Check: nameCheck},
		fComment, fDisabled,
		{Name: "resolved-address", Mode: menu.ReadOnly, Desc: "Address a DNS name resolved to"},
	},
}

func init() { configChecks["system_ntp_client_servers"] = checkNTPPoll }

// checkNTPPoll refuses a min_poll above max_poll, with the defaults (6, 10)
// standing in for the one left out.
func checkNTPPoll(v configValues) []configProblem {
	if v.unknown["min-poll"] || v.unknown["max-poll"] || !v.has("min-poll") && !v.has("max-poll") {
		return nil
	}
	num := func(field, def string) int {
		s := v.known[field]
		if s == "" {
			s = def
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	lo, hi := num("min-poll", "6"), num("max-poll", "10")
	if lo <= hi {
		return nil
	}
	field := "min-poll"
	if !v.has("min-poll") {
		field = "max-poll"
	}
	return []configProblem{{field: field, summary: "Invalid NTP poll interval",
		detail: fmt.Sprintf("min_poll (%d) must not be above max_poll (%d); the router's defaults are 6 and 10", lo, hi)}}
}

// ipOrHostname accepts an IPv4 or IPv6 address or a DNS name.
func ipOrHostname(s string) error {
	if _, err := netip.ParseAddr(s); err == nil {
		return nil
	}
	if !dnsName.MatchString(s) || len(s) > 253 {
		return fmt.Errorf("%q is not an IP address or a DNS name such as 0.pool.ntp.org", s)
	}
	return nil
}

var dnsName = regexp.MustCompile(`^([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?$`)
