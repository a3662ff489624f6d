package routeros

import (
	"strings"
	"time"
	_ "time/tzdata" // time-zone-name is checked against the IANA database, as RouterOS's list is
)

// services are /ip/service's rows with their default ports (MikroTik's "IP
// Services" manual page).
var services = []struct {
	name string
	port string
	ssl  bool
}{{"telnet", "23", false}, {"ftp", "21", false}, {"www", "80", false}, {"ssh", "22", false},
	{"www-ssl", "443", true}, {"api", "8728", false}, {"winbox", "8291", false}, {"api-ssl", "8729", true}}

// ipService is /ip/service: one row per builtin service, addressed by name,
// no add or remove. certificate and tls-version exist on the TLS services
// only (unconfirmed: RouterOS's refusal of them on the others).
func ipService() *menu {
	return &menu{
		path: "/ip/service", table: "ip/service", nameField: "name",
		fields: []*field{
			fRO("name"),
			fInt("port", "", 1, 65535),
			fKind("address", kList),
			fStr("certificate"),
			fEnum("tls-version", "", "any", "only-1.2"),
			fStr("vrf").dflt("main"),
			fInt("max-sessions", "20", 1, 1000),
			fBool("disabled", "false"),
		},
		check: func(d *db, r, old *row) error {
			for _, a := range splitList(r.vals["address"]) {
				if _, ok := parsePrefix(a); !ok {
					if _, ok := parseIPv4(a); !ok {
						return argErr("invalid value for argument address")
					}
				}
			}
			if !isSSLService(r.vals["name"]) && (r.vals["certificate"] != "" || r.vals["tls-version"] != "") {
				return errUnknownParam(map[bool]string{true: "certificate", false: "tls-version"}[r.vals["certificate"] != ""])
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			if isSSLService(r.vals["name"]) {
				if _, ok := r.vals["certificate"]; !ok {
					p.set("certificate", "none")
				}
				if _, ok := r.vals["tls-version"]; !ok {
					p.set("tls-version", "any")
				}
			}
			p.set("invalid", "false")
			p.set("proto", "tcp")
		},
	}
}

func isSSLService(name string) bool {
	for _, s := range services {
		if s.name == name {
			return s.ssl
		}
	}
	return false
}

func ipSSH() *menu {
	return &menu{
		path: "/ip/ssh", table: "ip/ssh", singleton: true,
		fields: []*field{
			fBool("strong-crypto", "false"),
			fEnum("host-key-type", "rsa", "ed25519", "rsa"),
			fInt("host-key-size", "2048", 1024, 8192),
			fEnum("forwarding-enabled", "no", "both", "local", "no", "remote"),
			fBool("always-allow-password-login", "false"),
		},
	}
}

// systemClock is /system/clock. A fresh router has time-zone-autodetect
// on and time-zone-name manual; a name must be one of the IANA zones.
func systemClock() *menu {
	return &menu{
		path: "/system/clock", table: "system/clock", singleton: true,
		fields: []*field{
			fStr("time-zone-name").dflt("manual"),
			fBool("time-zone-autodetect", "true"),
		},
		check: func(d *db, r, old *row) error {
			tz := r.vals["time-zone-name"]
			if tz == "" || tz == "manual" {
				return nil
			}
			if _, err := time.LoadLocation(tz); err != nil || strings.HasPrefix(tz, "/") {
				return errNoMatch("time-zone-name")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			loc := time.UTC
			if l, err := time.LoadLocation(r.vals["time-zone-name"]); err == nil && r.vals["time-zone-name"] != "" {
				loc = l
			}
			now := d.now().In(loc)
			p.set("time", now.Format("15:04:05"))
			p.set("date", now.Format("2006-01-02"))
			p.set("gmt-offset", now.Format("-07:00"))
			p.set("dst-active", boolStr(now.IsDST()))
		},
	}
}

// ntpClient is /system/ntp/client (RouterOS 7: servers as a list of
// addresses or names). Unconfirmed: whether setting servers here also adds
// rows to /system/ntp/client/servers, as some 7.x versions show.
func ntpClient() *menu {
	return &menu{
		path: "/system/ntp/client", table: "system/ntp/client", singleton: true,
		fields: []*field{
			fBool("enabled", "false"),
			fEnum("mode", "unicast", "broadcast", "manycast", "multicast", "unicast"),
			fKind("servers", kList),
			fStr("vrf").dflt("main"),
		},
		compute: func(d *db, r *row, p *props) {
			status := "stopped"
			if r.vals["enabled"] == "true" {
				status = "waiting" // no server answers the emulator
			}
			p.set("status", status)
		},
	}
}

func ntpServer() *menu {
	return &menu{
		path: "/system/ntp/server", table: "system/ntp/server", singleton: true,
		fields: []*field{
			fBool("enabled", "false"),
			fBool("broadcast", "false"),
			fBool("multicast", "false"),
			fBool("manycast", "false"),
			fKind("broadcast-addresses", kIPList),
			fStr("vrf").dflt("main"),
			fBool("use-local-clock", "false"),
			fInt("local-clock-stratum", "5", 1, 15),
		},
	}
}

// macServer, macWinbox and macPing are /tool/mac-server and its sub-menus:
// MAC-layer access (MAC telnet, MAC winbox, MAC ping), allowed on every
// interface of a fresh router.
func macServer() *menu {
	return &menu{path: "/tool/mac-server", table: "tool/mac-server", singleton: true,
		fields: []*field{fStr("allowed-interface-list").dflt("all")},
		check:  checkIfaceListRef("allowed-interface-list")}
}

func macWinbox() *menu {
	return &menu{path: "/tool/mac-server/mac-winbox", table: "tool/mac-server/mac-winbox", singleton: true,
		fields: []*field{fStr("allowed-interface-list").dflt("all")},
		check:  checkIfaceListRef("allowed-interface-list")}
}

func macPing() *menu {
	return &menu{path: "/tool/mac-server/ping", table: "tool/mac-server/ping", singleton: true,
		fields: []*field{fBool("enabled", "true")}}
}

// neighborDiscovery is /ip/neighbor/discovery-settings (RouterOS 7: protocol
// is a list of cdp, lldp, mndp). Unconfirmed: a fresh router's
// discover-interface-list (all here; defconf sets LAN).
func neighborDiscovery() *menu {
	return &menu{path: "/ip/neighbor/discovery-settings", table: "ip/neighbor/discovery-settings", singleton: true,
		fields: []*field{
			fStr("discover-interface-list").dflt("all"),
			{name: "protocol", kind: kFlags, enum: []string{"cdp", "lldp", "mndp"}, def: "cdp,lldp,mndp"},
			fEnum("mode", "tx-and-rx", "rx-only", "tx-and-rx", "tx-only"),
			fStr("lldp-med-net-policy-vlan").dflt("disabled"),
		},
		check: checkIfaceListRef("discover-interface-list")}
}

// checkIfaceListRef refuses a value that names no interface list.
func checkIfaceListRef(name string) func(d *db, r, old *row) error {
	return func(d *db, r, old *row) error {
		v, ok := r.vals[name]
		if !ok || d.lookupRef(refIfList, strings.TrimPrefix(v, "!")) != nil {
			return nil
		}
		return errNoMatch(name)
	}
}
