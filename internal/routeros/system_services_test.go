package routeros_test

import "testing"

func TestAccIPService(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_service", menu: "/ip/service", adopt: true,
		create: `
  name     = "telnet"
  disabled = true`,
		update: `
  name     = "telnet"
  disabled = true
  port     = 2323
  address  = ["10.10.0.0/24", "10.255.0.0/24"]`,
		find:        map[string]string{"name": "telnet"},
		afterCreate: map[string]string{"disabled": "true", "port": "23"},
		afterUpdate: map[string]string{"disabled": "true", "port": "2323", "address": "10.10.0.0/24,10.255.0.0/24"},
		drift:       []string{"=disabled=no", "=address=0.0.0.0/0"},
		importID:    "telnet",
		destroyed:   map[string]string{"disabled": "false", "port": "23", "address": ""},
	}.run(t)
}

func TestAccIPSSH(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_ssh", menu: "/ip/ssh", singleton: true,
		create: `
  strong_crypto = true`,
		update: `
  strong_crypto      = true
  host_key_type      = "ed25519"
  forwarding_enabled = "local"`,
		afterCreate: map[string]string{"strong-crypto": "true"},
		afterUpdate: map[string]string{"host-key-type": "ed25519", "forwarding-enabled": "local"},
		drift:       []string{"=strong-crypto=no"},
		destroyed:   map[string]string{"strong-crypto": "false", "host-key-type": "rsa", "forwarding-enabled": "no"},
	}.run(t)
}

func TestAccSystemClock(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_clock", menu: "/system/clock", singleton: true,
		create: `
  time_zone_name = "Europe/Warsaw"`,
		update: `
  time_zone_name       = "Europe/Warsaw"
  time_zone_autodetect = false`,
		afterCreate: map[string]string{"time-zone-name": "Europe/Warsaw"},
		afterUpdate: map[string]string{"time-zone-autodetect": "false"},
		drift:       []string{"=time-zone-name=UTC"},
		destroyed:   map[string]string{"time-zone-name": "manual", "time-zone-autodetect": "true"},
	}.run(t)
}

func TestAccSystemNTPClient(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_ntp_client", menu: "/system/ntp/client", singleton: true,
		create: `
  enabled = true
  servers = ["pool.ntp.org"]`,
		update: `
  enabled = true
  servers = ["0.pool.ntp.org", "1.pool.ntp.org"]`,
		afterCreate: map[string]string{"enabled": "true", "servers": "pool.ntp.org"},
		afterUpdate: map[string]string{"servers": "0.pool.ntp.org,1.pool.ntp.org"},
		drift:       []string{"=enabled=no"},
		destroyed:   map[string]string{"enabled": "false", "servers": ""},
	}.run(t)
}

func TestAccSystemNTPServer(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_ntp_server", menu: "/system/ntp/server", singleton: true,
		create: `
  enabled = true`,
		update: `
  enabled             = true
  use_local_clock     = true
  local_clock_stratum = 3`,
		afterCreate: map[string]string{"enabled": "true"},
		afterUpdate: map[string]string{"use-local-clock": "true", "local-clock-stratum": "3"},
		drift:       []string{"=local-clock-stratum=9"},
		destroyed:   map[string]string{"enabled": "false", "use-local-clock": "false", "local-clock-stratum": "5"},
	}.run(t)
}

func TestAccSystemLoggingAction(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_logging_action", menu: "/system/logging/action",
		create: `
  name   = "syslog"
  target = "remote"
  remote = "10.10.0.20"`,
		update: `
  name            = "syslog"
  target          = "remote"
  remote          = "10.10.0.20"
  remote_port     = 1514
  bsd_syslog      = true
  syslog_facility = "local0"`,
		find:        map[string]string{"name": "syslog"},
		afterCreate: map[string]string{"target": "remote", "remote": "10.10.0.20", "remote-port": "514"},
		afterUpdate: map[string]string{"remote-port": "1514", "bsd-syslog": "true", "syslog-facility": "local0"},
		drift:       []string{"=remote-port=514"},
		importID:    "syslog",
	}.run(t)
}

func TestAccSystemLogging(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_logging", menu: "/system/logging",
		deps: `
resource "homelab_routeros_system_logging_action" "syslog" {
  name   = "syslog"
  target = "remote"
  remote = "10.10.0.20"
}
`,
		create: `
  topics = ["info", "!debug"]
  action = homelab_routeros_system_logging_action.syslog.name`,
		update: `
  topics = ["info", "!debug"]
  action = homelab_routeros_system_logging_action.syslog.name
  prefix = "router"`,
		find:        map[string]string{"action": "syslog"},
		afterCreate: map[string]string{"topics": "!debug,info"},
		afterUpdate: map[string]string{"prefix": "router"},
		drift:       []string{"=prefix=hand"},
		importID:    "topics=info,!debug,action=syslog",
	}.run(t)
}

func TestAccUserGroup(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_user_group", menu: "/user/group",
		create: `
  name   = "terraform"
  policy = ["api", "read", "write", "sensitive"]`,
		update: `
  name    = "terraform"
  policy  = ["api", "read", "write", "sensitive", "test"]
  comment = "the provider's user"`,
		find:        map[string]string{"name": "terraform"},
		afterCreate: map[string]string{"policy": "read,write,sensitive,api,!local,!telnet,!ssh,!ftp,!reboot,!policy,!test,!winbox,!password,!web,!sniff,!romon,!rest-api"},
		afterUpdate: map[string]string{"policy": "read,write,test,sensitive,api,!local,!telnet,!ssh,!ftp,!reboot,!policy,!winbox,!password,!web,!sniff,!romon,!rest-api", "comment": "the provider's user"},
		drift:       []string{"=policy=read"},
		importID:    "terraform",
	}.run(t)
}

func TestAccUser(t *testing.T) {
	group := `
resource "homelab_routeros_user_group" "terraform" {
  name   = "terraform"
  policy = ["api", "read", "write", "sensitive"]
}
`
	lifecycle{
		typ: "homelab_routeros_user", menu: "/user", deps: group,
		create: `
  name     = "terraform"
  group    = homelab_routeros_user_group.terraform.name
  password = "first-Secret-1"`,
		update: `
  name     = "terraform"
  group    = homelab_routeros_user_group.terraform.name
  password = "second-Secret-2"
  address  = ["10.10.0.0/24"]
  comment  = "used by tofu"`,
		importBody: `
  name    = "terraform"
  group   = homelab_routeros_user_group.terraform.name
  address = ["10.10.0.0/24"]
  comment = "used by tofu"`,
		unreadable:  []string{"password"},
		find:        map[string]string{"name": "terraform"},
		afterCreate: map[string]string{"group": "terraform", "password": ""},
		afterUpdate: map[string]string{"address": "10.10.0.0/24", "comment": "used by tofu", "password": ""},
		drift:       []string{"=address=0.0.0.0/0"},
		importID:    "terraform",
	}.run(t)
}

// The MAC server and neighbour discovery only on the management list.
const mgmtList = `
resource "homelab_routeros_interface_list" "mgmt" {
  name = "MGMT"
}
`

func TestAccToolMACServer(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_tool_mac_server", menu: "/tool/mac-server", singleton: true, deps: mgmtList,
		create: `
  allowed_interface_list = "none"`,
		update: `
  allowed_interface_list = homelab_routeros_interface_list.mgmt.name`,
		afterCreate: map[string]string{"allowed-interface-list": "none"},
		afterUpdate: map[string]string{"allowed-interface-list": "MGMT"},
		drift:       []string{"=allowed-interface-list=all"},
		destroyed:   map[string]string{"allowed-interface-list": "all"},
	}.run(t)
}

func TestAccToolMACServerWinbox(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_tool_mac_server_winbox", menu: "/tool/mac-server/mac-winbox", singleton: true, deps: mgmtList,
		create: `
  allowed_interface_list = "none"`,
		update: `
  allowed_interface_list = homelab_routeros_interface_list.mgmt.name`,
		afterCreate: map[string]string{"allowed-interface-list": "none"},
		afterUpdate: map[string]string{"allowed-interface-list": "MGMT"},
		drift:       []string{"=allowed-interface-list=all"},
		destroyed:   map[string]string{"allowed-interface-list": "all"},
	}.run(t)
}

func TestAccToolMACServerPing(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_tool_mac_server_ping", menu: "/tool/mac-server/ping", singleton: true,
		create: `
  enabled = true`,
		update: `
  enabled = false`,
		afterCreate: map[string]string{"enabled": "true"},
		afterUpdate: map[string]string{"enabled": "false"},
		drift:       []string{"=enabled=yes"},
		destroyed:   map[string]string{"enabled": "true"},
	}.run(t)
}

func TestAccIPNeighborDiscoverySettings(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_neighbor_discovery_settings", menu: "/ip/neighbor/discovery-settings", singleton: true, deps: mgmtList,
		create: `
  discover_interface_list = homelab_routeros_interface_list.mgmt.name`,
		update: `
  discover_interface_list = homelab_routeros_interface_list.mgmt.name
  protocol                = ["mndp", "lldp"]`,
		afterCreate: map[string]string{"discover-interface-list": "MGMT"},
		afterUpdate: map[string]string{"protocol": "lldp,mndp"},
		drift:       []string{"=protocol=cdp"},
		destroyed:   map[string]string{"discover-interface-list": "all", "protocol": "cdp,lldp,mndp"},
	}.run(t)
}
