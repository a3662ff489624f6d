package routeros

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// Router advertisements: MikroTik's "IPv6 Neighbor Discovery" manual page
// (types and ranges) and community.routeros's recorded defaults.

// ndDefaults are the values the builtin `all` row gets back on destroy.
var ndDefaults = map[string]string{
	"ra-interval": "3m20s-10m", "ra-delay": "3s", "ra-lifetime": "30m", "ra-preference": "medium",
	"hop-limit": "unspecified", "mtu": "unspecified", "reachable-time": "unspecified", "retransmit-interval": "unspecified",
	"advertise-mac-address": "yes", "advertise-dns": "yes", "managed-address-configuration": "no",
	"other-configuration": "no", "disabled": "no", "comment": "",
}

// parseSeconds reads a RouterOS duration such as `3m20s` or `200`.
func parseSeconds(s string) (time.Duration, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return time.Duration(n) * time.Second, true
	}
	d, err := time.ParseDuration(s)
	return d, err == nil
}

// normalizeRAInterval spells min-max in seconds (`200s-600s` = `3m20s-10m`).
func normalizeRAInterval(s string) string {
	lo, hi, ok := strings.Cut(s, "-")
	a, ok1 := parseSeconds(lo)
	b, ok2 := parseSeconds(hi)
	if !ok || !ok1 || !ok2 {
		return s
	}
	return fmt.Sprintf("%d-%d", a/time.Second, b/time.Second)
}

var checkRAInterval = validate.StringFunc("min-max interval", func(s string) error {
	lo, hi, ok := strings.Cut(s, "-")
	a, ok1 := parseSeconds(lo)
	b, ok2 := parseSeconds(hi)
	if !ok || !ok1 || !ok2 || a < 3*time.Second || a > 1250*time.Second || b < 4*time.Second || b > 1800*time.Second || a > b {
		return fmt.Errorf("%q is not an interval min-max with min 3s..20m50s and max 4s..30m, e.g. 3m20s-10m", s)
	}
	return nil
})

func unspecifiedOr(max int) validator.String {
	return validate.StringFunc(fmt.Sprintf("`unspecified` or 0..%d", max), func(s string) error {
		if n, err := strconv.Atoi(s); s == "unspecified" || err == nil && n >= 0 && n <= max {
			return nil
		}
		return fmt.Errorf("%q is not `unspecified` or a number 0..%d", s, max)
	})
}

var ipv6ND = menu.Spec{
	Type: "ipv6_nd",
	Path: "/ipv6/nd",
	Desc: "Router advertisements (neighbour discovery) on an interface: how often the router announces itself and its prefixes, " +
		"and whether hosts should use DHCPv6 (`managed_address_configuration`, `other_configuration`). A fresh router has one " +
		"builtin row, `interface = \"all\"`, used for every interface without a row of its own: a resource for `all` adopts that " +
		"row (create sets its fields, destroy puts RouterOS's defaults back, nothing is added or removed); one for any other " +
		"interface adds and removes its row.",
	Key: []string{"interface"},
	AdoptRow: func(key map[string]string) bool {
		return key["interface"] == "all"
	},
	Destroy: func(state map[string]string) []string {
		var words []string
		for f := range state {
			if d, ok := ndDefaults[f]; ok {
				words = append(words, "="+f+"="+d)
			}
		}
		sort.Strings(words)
		return words
	},
	DestroyDoc: "Destroying the resource of the builtin `all` row sets the fields it managed back to RouterOS's defaults; for any other interface it removes the row.",
	Fields: []menu.Field{
		{Name: "interface", Mode: menu.Required, ForceNew: true, Desc: "Interface, or `all` for the builtin row", Check: []validator.String{checkName}},
		{Name: "ra-interval", Default: "3m20s-10m", Normalize: normalizeRAInterval, Desc: "Min-max interval between unsolicited advertisements",
			Check: []validator.String{checkRAInterval}},
		{Name: "ra-delay", Kind: menu.Duration, Default: "3s", Desc: "Minimum time between advertisements"},
		{Name: "ra-lifetime", Kind: menu.Duration, Keywords: []string{"none"}, Default: "30m", Desc: "Router lifetime advertised; `none` (0): not a default router"},
		{Name: "ra-preference", Default: "medium", Enum: []string{"high", "low", "medium"}, Desc: "Default router preference advertised"},
		{Name: "hop-limit", Default: "unspecified", Desc: "Hop limit hosts should use, 0..255, or `unspecified`", Check: []validator.String{unspecifiedOr(255)}},
		{Name: "mtu", Default: "unspecified", Desc: "MTU advertised, or `unspecified` (no MTU option)", Check: []validator.String{unspecifiedOr(65535)}},
		{Name: "reachable-time", Kind: menu.Duration, Keywords: []string{"unspecified"}, Default: "unspecified", Desc: "Reachable time advertised"},
		{Name: "retransmit-interval", Kind: menu.Duration, Keywords: []string{"unspecified"}, Default: "unspecified", Desc: "Neighbour solicitation retransmit interval advertised"},
		{Name: "advertise-mac-address", Kind: menu.Bool, Default: "true", Desc: "Include the interface's MAC address"},
		{Name: "advertise-dns", Kind: menu.Bool, Default: "true", Desc: "Advertise the router's DNS servers (RDNSS)"},
		{Name: "managed-address-configuration", Kind: menu.Bool, Default: "false", Desc: "Tell hosts to take addresses from DHCPv6 (M flag)"},
		{Name: "other-configuration", Kind: menu.Bool, Default: "false", Desc: "Tell hosts to take other settings from DHCPv6 (O flag)"},
		fComment, fDisabled,
	},
}
