package routeros_test

import (
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// moreMenus are the menus of TestAccBadInputServices, printed before and
// after each bad input.
var moreMenus = []string{"/user", "/user/ssh-keys", "/system/ntp/client/servers", "/system/script", "/system/scheduler",
	"/snmp", "/snmp/community", "/interface", "/interface/vrrp", "/ipv6/settings", "/ipv6/address", "/ipv6/pool"}

// TestAccBadInputServices: TestAccBadInput for the SSH key, NTP server,
// script, scheduler, SNMP, VRRP and IPv6 resources: each bad configuration
// fails (at plan time where it can) naming the attribute, and changes
// nothing on the router.
func TestAccBadInputServices(t *testing.T) {
	e := acctest.RouterOS(t)
	res := badResource
	state := func() string { return menusState(t, e, moreMenus) }
	cases := []badInput{
		{"ssh key not a key", res("user_ssh_keys", `user = "admin"
key = "not a key"`), `(?s)key.*not an OpenSSH public key`},
		{"ssh key dsa", res("user_ssh_keys", `user = "admin"
key = "ssh-dss AAAAB3NzaC1kc3M= old@host"`), `(?s)key.*"ssh-dss"\s+keys\s+are\s+not\s+supported`},
		{"ssh key wrong type", res("user_ssh_keys", `user = "admin"
key = "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIFhqcWExU/X0CGzq4+b+fsJ7z8vXUpPF0H66U1kAKsdL x"`), `(?s)key.*not\s+a\s+ssh-rsa\s+key`},
		{"ssh key unknown user", res("user_ssh_keys", `user = "nobody"
key = "`+sshKey1+`"`), `(?s)RouterOS rejected user.*input does not match\s+any\s+value\s+of\s+user`},
		{"ntp poll order", res("system_ntp_client_servers", `address = "10.10.0.1"
min_poll = 9
max_poll = 7`), `(?s)min_poll.*must not be above\s+max_poll`},
		{"ntp poll range", res("system_ntp_client_servers", `address = "10.10.0.1"
min_poll = 20`), `min_poll value must be between 3 and 17`},
		{"ntp address", res("system_ntp_client_servers", `address = "bad address!"`), `(?s)address.*not an IP address or a DNS\s+name`},
		{"script policy", res("system_script", `name = "s"
policy = ["read", "admin"]`), `(?s)policy.*value must be one of`},
		{"scheduler start time", res("system_scheduler", `name = "j"
start_time = "25:00"`), `(?s)start_time.*not a time of day`},
		{"scheduler start date", res("system_scheduler", `name = "j"
start_date = "2026-13-01"`), `(?s)start_date.*not a date`},
		{"scheduler interval", res("system_scheduler", `name = "j"
interval = "forever"`), `(?s)interval.*not a RouterOS duration`},
		{"snmp trap version", res("snmp", `trap_version = 4`), `trap_version value must be between 1 and 3`},
		{"snmp trap target", res("snmp", `trap_target = ["nms.lab"]`), `(?s)trap_target.*not an IPv4 or IPv6 address`},
		{"snmp community security", res("snmp_community", `name = "c"
security = "secret"`), `(?s)security.*value must be one of`},
		{"snmp community addresses", res("snmp_community", `name = "c"
addresses = ["10.0.0.0"]`), `(?s)addresses.*not an IP prefix`},
		{"vrrp vrid", res("interface_vrrp", `name = "v"
interface = "ether2"
vrid = 256`), `vrid value must be between 1 and 255`},
		{"vrrp priority", res("interface_vrrp", `name = "v"
interface = "ether2"
priority = 255`), `priority value must be between 1 and 254`},
		{"vrrp password", res("interface_vrrp", `name = "v"
interface = "ether2"
version = 2
authentication = "simple"
password = "a-password-longer-than-16"`), `(?s)password.*length must be at most 16`},
		{"vrrp unknown interface", res("interface_vrrp", `name = "v"
interface = "ether99"`), `(?s)RouterOS rejected interface.*input\s+does\s+not\s+match\s+any\s+value\s+of\s+interface`},
		{"ipv6 address v4", res("ipv6_address", `address = "10.0.0.1/24"
interface = "ether2"`), `(?s)address.*not an IPv6 address with prefix length`},
		{"ipv6 pool prefix length", res("ipv6_pool", `name = "p"
prefix = "2001:db8::/56"
prefix_length = 48`), `(?s)prefix_length.*must not be shorter than the\s+pool's prefix`},
	}
	runBadInputs(t, e, cases, state)
}
