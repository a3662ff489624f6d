package routeros

import (
	"strings"
	"testing"
)

const sampleExport = `# 2025-06-10 12:00:00 by RouterOS 7.19.4
# software id = ABCD-1234
#
/interface bridge
add admin-mac=4C:5E:0C:AA:BB:CC auto-mac=no comment=defconf name=bridge \
    vlan-filtering=yes
/interface ethernet
set [ find default-name=ether1 ] comment="uplink to ISP" name=wan
set [ find default-name=sfp-sfpplus1 ] disabled=yes
/interface vlan
add interface=bridge name=vlan20 vlan-id=20
/interface list
add comment=defconf name=WAN
add comment=defconf name=LAN
/ip pool
add name=dhcp ranges=192.168.88.10-192.168.88.254
/ip dhcp-server
add address-pool=dhcp interface=bridge lease-time=1d name=defconf
/interface bridge port
add bridge=bridge comment=defconf interface=ether2
add bridge=bridge interface=ether3 pvid=20
/interface bridge vlan
add bridge=bridge tagged=bridge vlan-ids=20
/interface list member
add interface=bridge list=LAN
add interface=wan list=WAN
/ip address
add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
/ip dhcp-server lease
add address=192.168.88.20 mac-address=aa:bb:cc:00:11:22 server=defconf
/ip dhcp-server network
add address=192.168.88.0/24 comment=defconf dns-server=192.168.88.1 gateway=192.168.88.1
/ip dns
set allow-remote-requests=yes servers=1.1.1.1,9.9.9.9
/ip dns static
add address=192.168.88.1 comment=defconf name=router.lan type=A
/ip firewall filter
add action=accept chain=input comment="defconf: accept established,related,untracked" connection-state=established,related,untracked
add action=drop chain=input comment="defconf: drop all not coming from LAN" in-interface-list=!LAN
/ip firewall nat
add action=masquerade chain=srcnat comment="defconf: masquerade" ipsec-policy=out,none out-interface-list=WAN
/ip service
set telnet disabled=yes
/system identity
set name="core router"
/system note
set show-at-login=no
`

func TestSeedExport(t *testing.T) {
	s := start(t, Config{Seed: sampleExport})
	one := func(words ...string) map[string]string {
		t.Helper()
		r := mustRun(t, s, words...)
		if len(r) != 1 {
			t.Fatalf("%q: %d rows %v", words, len(r), r)
		}
		return r[0]
	}
	check := func(row map[string]string, want map[string]string) {
		t.Helper()
		for k, v := range want {
			if row[k] != v {
				t.Errorf("%s = %q, want %q (row %v)", k, row[k], v, row)
			}
		}
	}
	check(one("/interface/bridge/print"), map[string]string{"name": "bridge", "vlan-filtering": "true", "auto-mac": "false", "admin-mac": "4C:5E:0C:AA:BB:CC", "comment": "defconf"})
	check(one("/interface/ethernet/print", "?default-name=ether1"), map[string]string{"name": "wan", "comment": "uplink to ISP"})
	check(one("/interface/vlan/print"), map[string]string{"name": "vlan20", "interface": "bridge", "vlan-id": "20"})
	check(one("/ip/dhcp-server/print"), map[string]string{"name": "defconf", "address-pool": "dhcp", "lease-time": "1d"})
	check(one("/ip/dhcp-server/lease/print"), map[string]string{"mac-address": "AA:BB:CC:00:11:22", "server": "defconf"})
	check(one("/ip/dns/print"), map[string]string{"servers": "1.1.1.1,9.9.9.9", "allow-remote-requests": "true"})
	check(one("/system/identity/print"), map[string]string{"name": "core router"})
	check(one("/ip/firewall/nat/print"), map[string]string{"action": "masquerade", "out-interface-list": "WAN"})
	check(one("/interface/list/member/print", "?list=WAN"), map[string]string{"interface": "wan"})
	check(one("/interface/bridge/vlan/print", "?dynamic=false"), map[string]string{"vlan-ids": "20", "current-untagged": "ether3"})
	check(one("/interface/bridge/vlan/print", "?dynamic=true"), map[string]string{"vlan-ids": "1", "current-untagged": "bridge,ether2"})
	if r := mustRun(t, s, "/ip/firewall/filter/print"); len(r) != 2 || r[1]["in-interface-list"] != "!LAN" || r[1]["action"] != "drop" {
		t.Errorf("filter rules: %v", r)
	}
}

func TestSeedErrors(t *testing.T) {
	for _, tc := range []struct{ script, want string }{
		{"/interface vlan\nadd name=v vlan-id=5000 interface=ether1\n", "line 2: /interface/vlan: value of vlan-id out of range (1..4094)"},
		{"/ip address add address=10.0.0.1/24 interface=nope\n", "line 1: /ip/address: input does not match any value of interface"},
		{"/system identity\nset name=\"unterminated\n", "line 2: unterminated quote"},
	} {
		_, err := Start(Config{Seed: tc.script})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("seed %q: %v, want %q", tc.script, err, tc.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	got, err := tokenize(`set [ find default-name=ether1 ] comment="a \"b\"\_c" name=x`)
	want := []string{"set", "[ find default-name=ether1 ]", `comment=a "b" c`, "name=x"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("tokenize = %q, %v", got, err)
	}
}

// reportExport has one line of each kind the seed report tells about.
const reportExport = `# by RouterOS 7.19.4
/interface vlan
add interface=ether1 name=vlan10 vlan-id=10 \
    comment="mgmt"
/routing ospf instance
add name=default-v2 router-id=10.10.0.1
/interface ethernet
set [ find default-name=sfp1 ] disabled=yes
/ip address
add address=10.0.0.1/24 interface=vlan10 check-gateway=ping \
    authentication-key=k3y
/ppp secret
add name=vpn password="hunter 2" service=l2tp
/system identity
set name=lab
`

func TestSeedReport(t *testing.T) {
	s := start(t, Config{})
	rep, err := s.LoadExportReport(reportExport, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []SkippedLine{
		{Line: 6, Menu: "/routing/ospf/instance", Text: "/routing ospf instance add name=default-v2 router-id=10.10.0.1", Reason: "menu /routing/ospf/instance is not modelled"},
		{Line: 8, Menu: "/interface/ethernet", Text: "/interface ethernet set [ find default-name=sfp1 ] disabled=yes", Reason: "[ find default-name=sfp1 ] matches no row"},
		{Line: 10, Menu: "/ip/address", Text: "/ip address add address=10.0.0.1/24 interface=vlan10 check-gateway=ping authentication-key=***",
			Reason: "parameters check-gateway, authentication-key of /ip/address are not modelled", Partial: true},
		{Line: 13, Menu: "/ppp/secret", Text: "/ppp secret add name=vpn password=*** service=l2tp", Reason: "menu /ppp/secret is not modelled"},
	}
	if rep.Loaded != 3 {
		t.Errorf("Loaded = %d, want 3 (lines 3, 10, 15)", rep.Loaded)
	}
	if len(rep.Skipped) != len(want) {
		t.Fatalf("Skipped = %+v, want %+v", rep.Skipped, want)
	}
	for i := range want {
		if rep.Skipped[i] != want[i] {
			t.Errorf("Skipped[%d] =\n %+v, want\n %+v", i, rep.Skipped[i], want[i])
		}
	}
	// The loaded lines hold, the continued one with its second line.
	if r := mustRun(t, s, "/interface/vlan/print"); len(r) != 1 || r[0]["comment"] != "mgmt" {
		t.Errorf("vlan: %v", r)
	}
	if r := mustRun(t, s, "/ip/address/print"); len(r) != 1 || r[0]["interface"] != "vlan10" {
		t.Errorf("address: %v", r)
	}
	if r := mustRun(t, s, "/system/identity/print"); r[0]["name"] != "lab" {
		t.Errorf("identity: %v", r)
	}
	if err := s.LoadExport("/routing ospf instance\nadd name=x\n"); err != nil {
		t.Errorf("LoadExport fails on a skipped line: %v", err)
	}
}

func TestSeedReportString(t *testing.T) {
	rep, err := CheckSeed(Config{Seed: reportExport}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := `loaded 3 lines, skipped 4:
  line 6 /routing ospf instance add name=default-v2 router-id=10.10.0.1: menu /routing/ospf/instance is not modelled
  line 8 /interface ethernet set [ find default-name=sfp1 ] disabled=yes: [ find default-name=sfp1 ] matches no row
  line 10 /ip address add address=10.0.0.1/24 interface=vlan10 check-gateway=ping authe...: parameters check-gateway, authentication-key of /ip/address are not modelled (the rest loaded)
  line 13 /ppp secret add name=vpn password=*** service=l2tp: menu /ppp/secret is not modelled`
	if got := rep.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
	for _, secret := range []string{"hunter", "k3y"} {
		if strings.Contains(rep.String(), secret) {
			t.Errorf("String() shows the secret %q", secret)
		}
	}
	if got := (SeedReport{Loaded: 1}).String(); got != "loaded 1 line, skipped nothing" {
		t.Errorf("String() = %q", got)
	}
}

func TestSeedReportStrict(t *testing.T) {
	for _, tc := range []struct{ script, want string }{
		{reportExport, "line 6: /routing/ospf/instance: menu /routing/ospf/instance is not modelled"},
		{"/interface ethernet\nset [ find default-name=sfp1 ] disabled=yes\n", "line 2: /interface/ethernet: [ find default-name=sfp1 ] matches no row"},
		{"/system identity\nset name=lab \\\n  secret=x\n", "line 2: /system/identity: parameter secret of /system/identity is not modelled"},
		{"/ip address\nprint\n", "line 2: /ip/address: command print of /ip/address is not modelled"},
		{":delay 1s\n", "line 1: command :delay is not modelled"},
	} {
		s := start(t, Config{})
		_, err := s.LoadExportReport(tc.script, true)
		if err == nil || err.Error() != tc.want {
			t.Errorf("strict load of %q: %v, want %q", tc.script, err, tc.want)
		}
		// Nothing of the line that failed is loaded.
		if r := mustRun(t, s, "/system/identity/print"); r[0]["name"] == "lab" {
			t.Errorf("strict load of %q set the identity of a skipped line", tc.script)
		}
	}
	if _, err := CheckSeed(Config{Seed: "/system identity\nset name=lab\n"}, true); err != nil {
		t.Errorf("strict load of a fully modelled script: %v", err)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		`add name=u password="a \"b\" c" group=full`:    `add name=u password=*** group=full`,
		`set [ find secret=s ] private-key=abc=`:        `set [ find secret=*** ] private-key=***`,
		`set smtp-password=p passphrase=q other=secret`: `set smtp-password=*** passphrase=*** other=secret`,
		`add mysecret=x`: `add mysecret=x`,
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}

// A service bound to a certificate the export does not hold (exports never
// hold certificates) loads without the binding, and the report says so.
func TestSeedServiceCertificateNotInExport(t *testing.T) {
	s := start(t, Config{})
	rep, err := s.LoadExportReport("/ip service\nset api-ssl address=10.10.0.0/24 certificate=router.lab\n", false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Loaded != 1 || len(rep.Skipped) != 1 || !rep.Skipped[0].Partial ||
		!strings.Contains(rep.Skipped[0].Reason, "certificate router.lab is not on the emulator") {
		t.Fatalf("report %+v", rep)
	}
	if r := mustRun(t, s, "/ip/service/print", "?name=api-ssl"); r[0]["address"] != "10.10.0.0/24" || r[0]["certificate"] != "none" {
		t.Errorf("api-ssl: %v", r)
	}
}
