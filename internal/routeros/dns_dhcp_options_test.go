package routeros_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// A forwarding record matched by a regexp (a split-horizon zone sent to
// another server), imported by its regexp.
func TestAccIPDNSRecordForward(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dns_record", menu: "/ip/dns/static",
		create: `
  regexp     = "^.+[.]corp[.]example$"
  type       = "FWD"
  forward_to = "10.20.0.53"`,
		update: `
  regexp       = "^.+[.]corp[.]example$"
  type         = "FWD"
  forward_to   = "10.20.0.54"
  ttl          = "3600"
  address_list = "corp-hosts"
  comment      = "corp zone"`,
		find:        map[string]string{"regexp": "^.+[.]corp[.]example$"},
		afterCreate: map[string]string{"type": "FWD", "forward-to": "10.20.0.53", "name": ""},
		afterUpdate: map[string]string{"forward-to": "10.20.0.54", "ttl": "1h", "address-list": "corp-hosts", "comment": "corp zone"},
		drift:       []string{"=forward-to=10.20.0.99", "=!address-list="},
		importID:    "regexp=^.+[.]corp[.]example$",
	}.run(t)
}

// An SRV record with every SRV field; match_subdomain does not apply.
func TestAccIPDNSRecordSRV(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dns_record", menu: "/ip/dns/static",
		create: `
  name       = "_ldap._tcp.rachuna-net.pl"
  type       = "SRV"
  srv_target = "dc1.rachuna-net.pl"
  srv_port   = 389`,
		update: `
  name         = "_ldap._tcp.rachuna-net.pl"
  type         = "SRV"
  srv_target   = "dc2.rachuna-net.pl"
  srv_port     = 636
  srv_priority = 10
  srv_weight   = 50`,
		find:        map[string]string{"name": "_ldap._tcp.rachuna-net.pl"},
		afterCreate: map[string]string{"type": "SRV", "srv-target": "dc1.rachuna-net.pl", "srv-port": "389"},
		afterUpdate: map[string]string{"srv-target": "dc2.rachuna-net.pl", "srv-port": "636", "srv-priority": "10", "srv-weight": "50"},
		drift:       []string{"=srv-port=1636", "=srv-weight=1"},
		importID:    "_ldap._tcp.rachuna-net.pl",
	}.run(t)
}

// Every record type the router exports, in one configuration; a record
// without its type's field is refused at plan time, naming the attribute.
func TestAccIPDNSRecordTypes(t *testing.T) {
	e := acctest.RouterOS(t)
	records := `
resource "homelab_routeros_ip_dns_record" "a" {
  name            = "nas.lab.example"
  address         = "10.10.0.5"
  match_subdomain = true
}
resource "homelab_routeros_ip_dns_record" "aaaa" {
  name    = "nas.lab.example"
  type    = "AAAA"
  address = "2001:db8:0:0::5"
}
resource "homelab_routeros_ip_dns_record" "cname" {
  name  = "files.lab.example"
  type  = "CNAME"
  cname = "nas.lab.example"
}
resource "homelab_routeros_ip_dns_record" "mx" {
  name          = "lab.example"
  type          = "MX"
  mx_exchange   = "mail.lab.example"
  mx_preference = 10
}
resource "homelab_routeros_ip_dns_record" "ns" {
  name = "sub.lab.example"
  type = "NS"
  ns   = "ns1.lab.example"
}
resource "homelab_routeros_ip_dns_record" "txt" {
  name = "lab.example"
  type = "TXT"
  text = "v=spf1 mx -all"
}
resource "homelab_routeros_ip_dns_record" "nx" {
  name = "ads.lab.example"
  type = "NXDOMAIN"
}
`
	cfg := acctest.ProviderConfig(e.Block()) + records
	count := func(typ string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			words := []string{"/ip/dns/static/print", "?type=" + typ}
			if typ == "A" {
				words = []string{"/ip/dns/static/print", "?-type"} // RouterOS leaves type=A out of print
			}
			rows, err := e.Run(words...)
			if err != nil {
				return err
			}
			if len(rows) != 1 {
				return fmt.Errorf("%d %s records on the emulator, want 1: %v", len(rows), typ, rows)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_routeros_ip_dns_record" "bad" {
  name = "files.lab.example"
  type = "CNAME"
}`,
				ExpectError: regexp.MustCompile(`a type CNAME record needs\s+cname`),
			},
			{
				Config: cfg,
				Check: resource.ComposeAggregateTestCheckFunc(count("A"), count("AAAA"), count("CNAME"), count("MX"), count("NS"), count("TXT"), count("NXDOMAIN"),
					resource.TestCheckResourceAttr("homelab_routeros_ip_dns_record.aaaa", "address", "2001:db8:0:0::5")),
			},
			// The router prints 2001:db8::5: no diff.
			{RefreshState: true},
			{Config: cfg, PlanOnly: true},
			{Config: cfg, ResourceName: "homelab_routeros_ip_dns_record.mx", ImportState: true, ImportStateVerify: true},
			{Config: cfg, ResourceName: "homelab_routeros_ip_dns_record.aaaa", ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccIPDHCPServerOption(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_server_option", menu: "/ip/dhcp-server/option",
		create: `
  name  = "tftp-server"
  code  = 66
  value = "'10.10.0.5'"`,
		update: `
  name    = "tftp-server"
  code    = 66
  value   = "s'tftp.lab.example'"
  force   = true
  comment = "PXE"`,
		find:        map[string]string{"name": "tftp-server"},
		afterCreate: map[string]string{"code": "66", "value": "'10.10.0.5'", "raw-value": "0a0a0005"},
		afterUpdate: map[string]string{"value": "s'tftp.lab.example'", "force": "true", "comment": "PXE"},
		drift:       []string{"=value=0x00", "=force=no"},
		importID:    "tftp-server",
	}.run(t)
}

const dhcpOptionDeps = `
resource "homelab_routeros_ip_dhcp_server_option" "tftp" {
  name  = "tftp-server"
  code  = 66
  value = "'10.10.0.5'"
}
resource "homelab_routeros_ip_dhcp_server_option" "boot" {
  name  = "boot-file"
  code  = 67
  value = "s'pxelinux.0'"
}
`

func TestAccIPDHCPServerOptionSet(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_server_option_set", menu: "/ip/dhcp-server/option/sets",
		deps: dhcpOptionDeps,
		create: `
  name    = "pxe"
  options = [homelab_routeros_ip_dhcp_server_option.tftp.name]`,
		update: `
  name    = "pxe"
  options = [homelab_routeros_ip_dhcp_server_option.boot.name, homelab_routeros_ip_dhcp_server_option.tftp.name]`,
		find:        map[string]string{"name": "pxe"},
		afterCreate: map[string]string{"options": "tftp-server"},
		afterUpdate: map[string]string{"options": "boot-file,tftp-server"},
		drift:       []string{"=options=boot-file"},
		importID:    "pxe",
	}.run(t)
}

// A network with the options a homelab hands out: NTP, WINS, network
// boot, custom options and a set.
func TestAccIPDHCPServerNetworkOptions(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_server_network", menu: "/ip/dhcp-server/network",
		deps: dhcpOptionDeps + `
resource "homelab_routeros_ip_dhcp_server_option_set" "pxe" {
  name    = "pxe"
  options = [homelab_routeros_ip_dhcp_server_option.boot.name]
}
`,
		create: `
  address     = "10.10.0.0/24"
  gateway     = "10.10.0.1"
  ntp_server  = ["10.10.0.1"]
  wins_server = ["10.10.0.3"]
  dns_none    = true`,
		update: `
  address         = "10.10.0.0/24"
  gateway         = "10.10.0.1"
  netmask         = 24
  domain          = "lab.example"
  ntp_server      = ["10.10.0.1", "10.10.0.2"]
  wins_server     = ["10.10.0.3"]
  next_server     = "10.10.0.5"
  boot_file_name  = "pxelinux.0"
  dhcp_option     = [homelab_routeros_ip_dhcp_server_option.tftp.name]
  dhcp_option_set = homelab_routeros_ip_dhcp_server_option_set.pxe.name`,
		find:        map[string]string{"address": "10.10.0.0/24"},
		afterCreate: map[string]string{"ntp-server": "10.10.0.1", "wins-server": "10.10.0.3", "dns-none": "true"},
		afterUpdate: map[string]string{"netmask": "24", "domain": "lab.example", "ntp-server": "10.10.0.1,10.10.0.2", "next-server": "10.10.0.5",
			"boot-file-name": "pxelinux.0", "dhcp-option": "tftp-server", "dhcp-option-set": "pxe", "dns-none": ""},
		drift:    []string{"=dhcp-option=boot-file", "=next-server=10.10.0.9"},
		importID: "10.10.0.0/24",
	}.run(t)
}

// A static lease with options of its own (a PXE client booting another
// file), and a server handing a set to all its clients.
func TestAccIPDHCPServerLeaseOptions(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_server_lease", menu: "/ip/dhcp-server/lease",
		deps: dhcpOptionDeps + `
resource "homelab_routeros_ip_dhcp_server_option_set" "pxe" {
  name    = "pxe"
  options = [homelab_routeros_ip_dhcp_server_option.tftp.name]
}
resource "homelab_routeros_ip_dhcp_server" "lab" {
  name            = "dhcp-lab"
  interface       = "ether2"
  dhcp_option_set = homelab_routeros_ip_dhcp_server_option_set.pxe.name
}
`,
		create: `
  mac_address = "02:00:00:aa:bb:07"
  address     = "192.168.88.7"
  server      = homelab_routeros_ip_dhcp_server.lab.name
  dhcp_option = [homelab_routeros_ip_dhcp_server_option.boot.name]`,
		update: `
  mac_address     = "02:00:00:aa:bb:07"
  address         = "192.168.88.7"
  server          = homelab_routeros_ip_dhcp_server.lab.name
  dhcp_option     = [homelab_routeros_ip_dhcp_server_option.tftp.name, homelab_routeros_ip_dhcp_server_option.boot.name]
  dhcp_option_set = homelab_routeros_ip_dhcp_server_option_set.pxe.name`,
		find:        map[string]string{"mac-address": "02:00:00:AA:BB:07"},
		afterCreate: map[string]string{"server": "dhcp-lab", "dhcp-option": "boot-file"},
		afterUpdate: map[string]string{"dhcp-option": "tftp-server,boot-file", "dhcp-option-set": "pxe"},
		drift:       []string{"=dhcp-option=tftp-server", "=!dhcp-option-set="},
		importID:    "02:00:00:AA:BB:07",
	}.run(t)
}
