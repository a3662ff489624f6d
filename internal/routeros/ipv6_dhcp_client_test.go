package routeros_test

import "testing"

// TestAccIPv6DHCPClient: prefix delegation on the WAN port. The emulator
// has no DHCPv6 server, so the client stays searching.
func TestAccIPv6DHCPClient(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ipv6_dhcp_client", menu: "/ipv6/dhcp-client",
		create: `
  interface = "ether1"
  request   = ["prefix"]
  pool_name = "isp"`,
		update: `
  interface          = "ether1"
  request            = ["prefix", "address"]
  pool_name          = "isp"
  pool_prefix_length = 60
  prefix_hint        = "::/56"
  add_default_route  = true
  use_peer_dns       = false
  rapid_commit       = false
  comment            = "ISP"`,
		find:        map[string]string{"interface": "ether1"},
		afterCreate: map[string]string{"request": "prefix", "pool-name": "isp", "pool-prefix-length": "64", "status": "searching..."},
		afterUpdate: map[string]string{"request": "address,prefix", "pool-prefix-length": "60", "prefix-hint": "::/56",
			"add-default-route": "true", "use-peer-dns": "false", "rapid-commit": "false", "comment": "ISP"},
		drift:    []string{"=use-peer-dns=yes", "=request=prefix"},
		importID: "ether1",
	}.run(t)
}
