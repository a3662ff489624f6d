package routeros

import "fmt"

// newDB builds a fresh router: ethernet ports, builtin interface lists and
// the singleton rows.
func newDB(version string, ports int) *db {
	d := &db{version: version, board: "CHR", tables: map[string]*table{}, menus: map[string]*menu{}}
	all := append(interfaceMenus(), bridgePort(), bridgeVLAN(), ipAddress(), ipPool(), dhcpServer(),
		dhcpNetwork(), dhcpOption(), dhcpOptionSets(), dhcpLease(), ipDNS(), dnsStatic(), systemIdentity(), systemResource(), ipRoute(), dhcpClient(), wireguard(), wireguardPeers(),
		ipService(), ipSSH(), systemClock(), ntpClient(), ntpServer(), loggingAction(), logging(), userGroup(), user(),
		macServer(), macWinbox(), macPing(), neighborDiscovery(), certificateMenu(), fileMenu())
	all = append(all, firewallMenus()...)
	all = append(all, sshKeys())
	all = append(all, ntpClientServers())
	all = append(all, script(), scheduler())
	all = append(all, snmpMenu(), snmpCommunity())
	all = append(all, vrrp())
	all = append(all, ipv6Settings(), ipv6Pool(), ipv6Address())
	all = append(all, ipv6FirewallMenus()...)
	all = append(all, ipv6Route())
	all = append(all, ipv6DHCPClient())
	all = append(all, ipv6ND())
	fitVersion(all, version)
	for _, m := range all {
		m.init()
		d.menus[m.path] = m
		d.order = append(d.order, m)
		if _, ok := d.tables[m.table]; !ok {
			d.tables[m.table] = &table{next: m.firstID}
			if m.firstID == 0 && m.table != "interface/bridge/port" {
				d.tables[m.table].next = 1
			}
		}
		if m.singleton {
			d.tables[m.table].rows = []*row{{vals: map[string]string{}}}
		}
	}
	ifaces := d.table("interface")
	for i := 1; i <= ports; i++ {
		name := fmt.Sprintf("ether%d", i)
		mac := fmt.Sprintf("4C:5E:0C:%02X:%02X:%02X", (i>>16)&0xFF, (i>>8)&0xFF, i&0xFF)
		ifaces.rows = append(ifaces.rows, &row{id: ifaces.alloc(), typ: "ether", vals: map[string]string{
			"name": name, "default-name": name, "mac-address": mac, "orig-mac-address": mac,
		}})
	}
	d.seedDefaults()
	seedSNMP(d)
	seedIPv6ND(d)
	// A service's certificate must be installed (menus_certificate.go).
	if svc := d.menus["/ip/service"]; svc != nil {
		own := svc.check
		svc.check = func(d *db, r, old *row) error {
			if err := checkServiceCertificate(d, r); err != nil {
				return err
			}
			if own != nil {
				return own(d, r, old)
			}
			return nil
		}
	}
	lists := d.table("interface/list")
	for i, name := range []string{"all", "none", "dynamic", "static"} {
		lists.rows = append(lists.rows, &row{id: 0x2000010 + i, dynamic: false, vals: map[string]string{
			"name": name, "builtin": "true",
		}})
	}
	return d
}

// seedDefaults adds the rows of the builtin menus a fresh router has:
// services, logging actions and rules, user groups and the admin user.
func (d *db) seedDefaults() {
	add := func(table string, vals map[string]string) {
		t := d.table(table)
		t.rows = append(t.rows, &row{id: t.alloc(), vals: vals})
	}
	for _, s := range services {
		add("ip/service", map[string]string{"name": s.name, "port": s.port})
	}
	for _, a := range []map[string]string{
		{"name": "memory", "target": "memory"}, {"name": "disk", "target": "disk"},
		{"name": "echo", "target": "echo"}, {"name": "remote", "target": "remote", "remote": "0.0.0.0"},
	} {
		a["default"] = "true"
		add("system/logging/action", a)
	}
	for _, r := range [][2]string{{"info", "memory"}, {"error", "memory"}, {"warning", "memory"}, {"critical", "echo"}} {
		add("system/logging", map[string]string{"topics": r[0], "action": r[1], "default": "true"})
	}
	for _, g := range []string{"read", "write", "full"} {
		add("user/group", map[string]string{"name": g, "policy": fullPolicy(builtinGroups[g]), "builtin": "true"})
	}
	add("user", map[string]string{"name": "admin", "group": "full"})
}
