package routeros

import (
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var ipDNS = menu.Spec{
	Type:      "ip_dns",
	Path:      "/ip/dns",
	Desc:      "The router's DNS resolver settings: upstream servers and whether the LAN may query it.",
	Singleton: true,
	Fields: []menu.Field{
		{Name: "servers", Kind: menu.List, Desc: "Upstream DNS servers, IPv4 or IPv6", Check: []validator.String{validate.IP()}, Normalize: canonicalIPs},
		{Name: "allow-remote-requests", Kind: menu.Bool, Default: "false", Desc: "Answer queries from the network"},
		{Name: "cache-size", Kind: menu.Int, Default: "2048", Min: 64, Max: 4294967, Desc: "Cache size in KiB"},
		{Name: "cache-max-ttl", Kind: menu.Duration, Default: "1w", Desc: "Longest time an answer is cached"},
		{Name: "max-udp-packet-size", Kind: menu.Int, Default: "4096", Min: 50, Max: 65507, Desc: "Largest UDP answer"},
		{Name: "query-server-timeout", Kind: menu.Duration, Default: "2s", Desc: "Wait for one upstream server"},
		{Name: "query-total-timeout", Kind: menu.Duration, Default: "10s", Desc: "Wait for an answer in total"},
		{Name: "max-concurrent-queries", Kind: menu.Int, Default: "100", Min: 1, Max: 1000, Desc: "Concurrent queries"},
		{Name: "max-concurrent-tcp-sessions", Kind: menu.Int, Default: "20", Min: 1, Max: 1000, Desc: "Concurrent TCP sessions"},
		{Name: "use-doh-server", Desc: "DNS-over-HTTPS server URL"},
		{Name: "verify-doh-cert", Kind: menu.Bool, Default: "false", Desc: "Verify the DoH server's certificate"},
	},
	ResetOnDestroy: true,
	DestroyDoc:     "Destroy sets the fields this resource managed back to the router's defaults.",
}

// canonicalIPs spells a list of addresses the way the router prints them
// (IPv6 compressed), so `2606:4700:4700:0:0:0:0:1112` is no diff.
func canonicalIPs(s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if a, err := netip.ParseAddr(strings.TrimSpace(p)); err == nil {
			parts[i] = a.String()
		}
	}
	return strings.Join(parts, ",")
}
