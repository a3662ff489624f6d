package routeros

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipDNSRecord = menu.Spec{
	Type: "ip_dns_record",
	Path: "/ip/dns/static",
	Desc: "A static DNS record the router answers, e.g. `vault.rachuna-net.pl A 10.10.10.11`. Set the field of the record's `type`: `address` (A, AAAA), `cname`, `forward_to` (FWD), `mx_exchange`, `ns`, `srv_*`, `text` (TXT).",
	Key:  []string{"name", "type"},
	Fields: []menu.Field{
		{Name: "name", Mode: menu.Required, Desc: "Record name", Check: []validator.String{validate.Hostname()}},
		{Name: "type", Default: "A", Enum: []string{"A", "AAAA", "CNAME", "FWD", "MX", "NS", "NXDOMAIN", "SRV", "TXT"}, Desc: "Record type"},
		{Name: "address", Desc: "Address of an A or AAAA record"},
		{Name: "cname", Desc: "Target of a CNAME record"},
		{Name: "forward-to", Desc: "Server of a FWD record"},
		{Name: "mx-exchange", Desc: "Mail server of an MX record"},
		{Name: "mx-preference", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Preference of an MX record"},
		{Name: "ns", Desc: "Name server of an NS record"},
		{Name: "srv-priority", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Priority of an SRV record"},
		{Name: "srv-weight", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Weight of an SRV record"},
		{Name: "srv-port", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Port of an SRV record"},
		{Name: "srv-target", Desc: "Target of an SRV record"},
		{Name: "text", Desc: "Text of a TXT record"},
		{Name: "ttl", Kind: menu.Duration, Default: "1d", Desc: "Time to live"},
		{Name: "match-subdomain", Kind: menu.Bool, Default: "false", Desc: "Also answer for subdomains"},
		{Name: "address-list", Desc: "Address list the answer's addresses are added to"},
		fComment, fDisabled,
	},
}
