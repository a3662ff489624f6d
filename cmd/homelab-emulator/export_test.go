package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

const exportSeed = `
/interface bridge
add name=bridge-lab comment="lab bridge" vlan-filtering=yes
/interface vlan
add interface=bridge-lab name=vlan10 vlan-id=10
/interface bridge port
add bridge=bridge-lab interface=ether2
/ip address
add address=10.10.10.1/24 interface=vlan10
/ip pool
add name=dhcp10 ranges=10.10.10.100-10.10.10.200
/ip dhcp-server
add name=dhcp10 interface=vlan10 address-pool=dhcp10
/ip firewall filter
add chain=input action=accept connection-state=established,related comment="keep \"state\""
add chain=input action=drop in-interface=ether1
/system identity
set name=core-router
/interface ethernet
set [ find default-name=ether3 ] comment=uplink
/user group
add name=terraform policy=api,read,write
/ip service
set telnet disabled=yes
/interface wireguard
add name=wg0 listen-port=13231 private-key="QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A="
/interface wireguard peers
add interface=wg0 name=laptop allowed-address=10.255.0.2/32 public-key="YUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A="
/system logging action
add name=syslog target=remote remote=10.10.10.30
/system logging
add action=syslog topics=error
/user
add name=terraform group=terraform
`

// `export routeros` writes a script that the emulator loads back (strictly:
// no line skipped) into the same configuration: the dump is the state.
func TestExportRouterOS(t *testing.T) {
	src, err := routeros.Start(routeros.Config{Users: map[string]string{"admin": "pw"}, Seed: exportSeed})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	t.Setenv("ROUTEROS_URL", "api://"+src.Addr())
	t.Setenv("ROUTEROS_USERNAME", "admin")
	t.Setenv("ROUTEROS_PASSWORD", "pw")
	file := filepath.Join(t.TempDir(), "export.rsc")
	if code := run([]string{"export", "routeros", "--out", file}); code != 0 {
		t.Fatalf("export exit %d", code)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	script := string(b)
	for _, want := range []string{
		"/interface bridge\nadd comment=\"lab bridge\" name=bridge-lab vlan-filtering=true\n",
		"/interface vlan\nadd interface=bridge-lab name=vlan10 vlan-id=10\n",
		"/interface ethernet\nset [ find default-name=ether3 ] comment=uplink\n",
		"/system identity\nset name=core-router\n",
		"/ip service\nset [ find name=telnet ] disabled=true\n",
		`comment="keep \"state\""`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("the export lacks %q:\n%s", want, script)
		}
	}
	for _, not := range []string{"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A=", ".id", "dynamic=", "bytes=", "/ip route"} {
		if strings.Contains(script, not) {
			t.Errorf("the export holds %q:\n%s", not, script)
		}
	}
	if strings.Index(script, "/interface bridge\n") > strings.Index(script, "/interface vlan\n") {
		t.Error("vlan before the bridge it refers to")
	}

	rep, err := routeros.CheckSeed(routeros.Config{Version: "7.19.4", Seed: script}, true)
	if err != nil {
		t.Fatalf("the export does not load back: %v\n%s", err, script)
	}
	if len(rep.Skipped) != 0 {
		t.Errorf("skipped: %v", rep.Skipped)
	}
	twin, err := routeros.Start(routeros.Config{Seed: script})
	if err != nil {
		t.Fatal(err)
	}
	defer twin.Close()
	for _, menu := range []string{"/interface/bridge", "/interface/vlan", "/interface/bridge/port", "/ip/address",
		"/ip/dhcp-server", "/ip/firewall/filter", "/system/identity", "/interface/ethernet", "/user/group", "/ip/service",
		"/interface/wireguard/peers", "/system/logging/action", "/system/logging", "/user"} {
		want, _ := src.Run(menu + "/print")
		got, _ := twin.Run(menu + "/print")
		if len(want) != len(got) {
			t.Errorf("%s: %d rows, want %d", menu, len(got), len(want))
			continue
		}
		for i := range want {
			for k, v := range want[i] {
				if !isStatus(menu, k) && got[i][k] != v {
					t.Errorf("%s row %d: %s=%q, want %q", menu, i, k, got[i][k], v)
				}
			}
		}
	}
}
