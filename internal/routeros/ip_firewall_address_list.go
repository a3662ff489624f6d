package routeros

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

// checkListAddress accepts what an address-list entry may hold.
var checkListAddress = validate.StringFunc("address, network, range or DNS name", func(s string) error {
	err := validate.IPv4RangeError(s)
	if err == nil || strings.Contains(s, "-") && strings.Count(s, ".") == 6 {
		return err
	}
	if dnsNameRe.MatchString(s) && !allDigitsAndDots(s) {
		return nil
	}
	return fmt.Errorf("%q is not an IPv4 address, network (e.g. 10.0.0.0/8), range (10.0.0.1-10.0.0.9) or DNS name", s)
})

var dnsNameRe = regexp.MustCompile(`^(?i)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$`)

func allDigitsAndDots(s string) bool { return strings.Trim(s, "0123456789./") == "" }

var ipFirewallAddressList = menu.Spec{
	Type: "ip_firewall_address_list",
	Path: "/ip/firewall/address-list",
	Desc: "One entry of a firewall address list, e.g. `10.10.0.0/24` in list `mgmt`, which filter, NAT, mangle and raw rules match " +
		"with `src_address_list`/`dst_address_list`. Refreshing any number of entries costs one print of the menu per run. " +
		"Entries the router adds itself (from rules with `add-src-to-address-list`, or resolved from a DNS-name entry) are dynamic " +
		"and neither managed nor imported. An entry with a `timeout` is dynamic on the router too: it counts down (the time left is " +
		"not drift) and, once expired, is added again by the next apply; import such an entry by its `.id`.",
	Key: []string{"list", "address"},
	Fields: []menu.Field{
		{Name: "list", Mode: menu.Required, Desc: "List name", Check: []validator.String{checkName}},
		{Name: "address", Mode: menu.Required, Desc: "Address, network, range (`10.0.0.1-10.0.0.9`) or DNS name", Check: []validator.String{checkListAddress}},
		{Name: "timeout", Kind: menu.Duration, Desc: "Lifetime from when the entry is added; the router counts it down",
			Countdown: true},
		fComment, fDisabled,
	},
}
