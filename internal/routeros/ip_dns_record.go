package routeros

import (
	"net/netip"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipDNSRecord = menu.Spec{
	Type: "ip_dns_record",
	Path: "/ip/dns/static",
	Desc: "A static DNS record the router answers, e.g. `vault.rachuna-net.pl A 10.10.10.11`. A record matches `name` " +
		"(and its subdomains with `match_subdomain`) or a `regexp`, never both. Set the field of the record's `type`: " +
		"`address` (A, AAAA), `cname` (CNAME), `forward_to` (FWD: queries for the name go to that server), " +
		"`mx_exchange` (MX), `ns` (NS), `srv_target` with `srv_port`, `srv_priority`, `srv_weight` (SRV), `text` (TXT); " +
		"NXDOMAIN needs none. A record missing its type's field, or with an A address that is not IPv4, is refused at plan time.",
	Key: []string{"name", "type", "regexp"},
	Fields: []menu.Field{
		{Name: "name", Desc: "Name the record answers for (set this or `regexp`)", Check: []validator.String{validate.Hostname()}},
		{Name: "regexp", Desc: "POSIX regular expression of the names the record answers for (set this or `name`), e.g. `.*\\.lab\\.example$`"},
		{Name: "type", Default: "A", Enum: dnsTypes, Desc: "Record type"},
		{Name: "address", Desc: "Address of an A (IPv4) or AAAA (IPv6) record", Check: []validator.String{validate.IP()}, Normalize: canonIP},
		{Name: "cname", Desc: "Name a CNAME record points to", Check: []validator.String{validate.Hostname()}},
		{Name: "forward-to", Desc: "DNS server a FWD record forwards the name's queries to: an address or the name of an `/ip/dns/forwarders` entry"},
		{Name: "mx-exchange", Desc: "Mail server of an MX record", Check: []validator.String{validate.Hostname()}},
		{Name: "mx-preference", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Preference of an MX record"},
		{Name: "ns", Desc: "Name server of an NS record", Check: []validator.String{validate.Hostname()}},
		{Name: "srv-priority", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Priority of an SRV record"},
		{Name: "srv-weight", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Weight of an SRV record"},
		{Name: "srv-port", Kind: menu.Int, Min: 0, Max: 65535, Desc: "Port of an SRV record"},
		{Name: "srv-target", Desc: "Target host of an SRV record", Check: []validator.String{validate.Hostname()}},
		{Name: "text", Desc: "Text of a TXT record"},
		{Name: "ttl", Kind: menu.Duration, Default: "1d", Desc: "Time to live"},
		{Name: "match-subdomain", Kind: menu.Bool, Default: "false", Desc: "Also answer for every subdomain of `name`"},
		{Name: "address-list", Desc: "Firewall address list the addresses of answers are added to (e.g. to route or filter by the name)"},
		fComment, fDisabled,
	},
}

var dnsTypes = []string{"A", "AAAA", "CNAME", "FWD", "MX", "NS", "NXDOMAIN", "SRV", "TXT"}

// canonIP spells an address the way the router prints it (IPv6 compressed,
// 2001:db8::1), so another spelling is no diff.
func canonIP(s string) string {
	if a, err := netip.ParseAddr(s); err == nil {
		return a.String()
	}
	return s
}
