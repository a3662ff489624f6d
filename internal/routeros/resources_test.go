package routeros_test

import "testing"

func TestAccInterfaceBridge(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_bridge", menu: "/interface/bridge",
		create: `
  name    = "bridge-proxmox"
  comment = "hypervisor management"`,
		update: `
  name           = "bridge-proxmox"
  vlan_filtering = true
  protocol_mode  = "mstp"
  priority       = 4096
  ageing_time    = "600"`,
		find:        map[string]string{"name": "bridge-proxmox"},
		afterCreate: map[string]string{"comment": "hypervisor management", "vlan-filtering": "false"},
		afterUpdate: map[string]string{"vlan-filtering": "true", "protocol-mode": "mstp", "priority": "0x1000", "comment": "", "ageing-time": "10m"},
		drift:       []string{"=vlan-filtering=no", "=priority=0x8000"},
		importID:    "bridge-proxmox",
	}.run(t)
}

const bridgeDeps = `
resource "homelab_routeros_interface_bridge" "proxmox" {
  name = "bridge-proxmox"
}
resource "homelab_routeros_interface_bridge" "clients" {
  name = "bridge-clients"
}
`

func TestAccInterfaceBridgePort(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_bridge_port", menu: "/interface/bridge/port", deps: bridgeDeps,
		create: `
  bridge    = homelab_routeros_interface_bridge.proxmox.name
  interface = "ether2"
  comment   = "pve-s1"`,
		update: `
  bridge      = homelab_routeros_interface_bridge.clients.name
  interface   = "ether2"
  pvid        = 10
  frame_types = "admit-only-untagged-and-priority-tagged"
  edge        = "yes"`,
		find:        map[string]string{"interface": "ether2"},
		afterCreate: map[string]string{"bridge": "bridge-proxmox", "comment": "pve-s1", "pvid": "1"},
		afterUpdate: map[string]string{"bridge": "bridge-clients", "pvid": "10", "edge": "yes", "comment": ""},
		drift:       []string{"=pvid=1", "=bridge=bridge-proxmox"},
		importID:    "ether2",
	}.run(t)
}

func TestAccIPAddress(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_address", menu: "/ip/address", deps: bridgeDeps,
		create: `
  address   = "10.10.0.1/24"
  interface = homelab_routeros_interface_bridge.proxmox.name
  comment   = "proxmox management"`,
		update: `
  address   = "10.10.0.1/24"
  interface = homelab_routeros_interface_bridge.clients.name
  disabled  = true`,
		find:        map[string]string{"address": "10.10.0.1/24"},
		afterCreate: map[string]string{"interface": "bridge-proxmox", "network": "10.10.0.0", "comment": "proxmox management"},
		afterUpdate: map[string]string{"interface": "bridge-clients", "disabled": "true", "comment": ""},
		drift:       []string{"=interface=bridge-proxmox", "=disabled=no"},
		importID:    "10.10.0.1/24",
	}.run(t)
}

func TestAccIPPool(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_pool", menu: "/ip/pool",
		create: `
  name   = "pool-proxmox"
  ranges = ["10.10.0.100-10.10.0.199"]`,
		update: `
  name    = "pool-proxmox"
  ranges  = ["10.10.0.100-10.10.0.149", "10.10.0.200-10.10.0.220"]
  comment = "proxmox DHCP"`,
		find:        map[string]string{"name": "pool-proxmox"},
		afterCreate: map[string]string{"ranges": "10.10.0.100-10.10.0.199"},
		afterUpdate: map[string]string{"ranges": "10.10.0.100-10.10.0.149,10.10.0.200-10.10.0.220", "comment": "proxmox DHCP"},
		drift:       []string{"=ranges=10.10.0.50-10.10.0.60"},
		importID:    "pool-proxmox",
	}.run(t)
}

func TestAccIPDHCPServer(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_server", menu: "/ip/dhcp-server", deps: bridgeDeps + `
resource "homelab_routeros_ip_pool" "proxmox" {
  name   = "pool-proxmox"
  ranges = ["10.10.0.100-10.10.0.199"]
}
`,
		create: `
  name         = "dhcp-proxmox"
  interface    = homelab_routeros_interface_bridge.proxmox.name
  address_pool = homelab_routeros_ip_pool.proxmox.name`,
		update: `
  name          = "dhcp-proxmox"
  interface     = homelab_routeros_interface_bridge.proxmox.name
  address_pool  = homelab_routeros_ip_pool.proxmox.name
  lease_time    = "1d 00:00:00"
  authoritative = "after-2sec-delay"
  add_arp       = true`,
		find:        map[string]string{"name": "dhcp-proxmox"},
		afterCreate: map[string]string{"interface": "bridge-proxmox", "address-pool": "pool-proxmox", "lease-time": "30m"},
		afterUpdate: map[string]string{"lease-time": "1d", "authoritative": "after-2sec-delay", "add-arp": "true"},
		drift:       []string{"=lease-time=10m", "=add-arp=no"},
		importID:    "dhcp-proxmox",
	}.run(t)
}

func TestAccIPDHCPServerNetwork(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_server_network", menu: "/ip/dhcp-server/network",
		create: `
  address    = "10.10.0.0/24"
  gateway    = "10.10.0.1"
  dns_server = ["10.10.0.1"]`,
		update: `
  address    = "10.10.0.0/24"
  gateway    = "10.10.0.254"
  dns_server = ["10.10.0.1", "1.1.1.1"]
  domain     = "rachuna-net.pl"`,
		find:        map[string]string{"address": "10.10.0.0/24"},
		afterCreate: map[string]string{"gateway": "10.10.0.1", "dns-server": "10.10.0.1"},
		afterUpdate: map[string]string{"gateway": "10.10.0.254", "dns-server": "10.10.0.1,1.1.1.1", "domain": "rachuna-net.pl"},
		drift:       []string{"=gateway=10.10.0.9", "=!domain="},
		importID:    "10.10.0.0/24",
	}.run(t)
}

func TestAccSystemIdentity(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_system_identity", menu: "/system/identity", singleton: true,
		create:      `name = "router"`,
		update:      `name = "router.rachuna-net.pl"`,
		afterCreate: map[string]string{"name": "router"},
		afterUpdate: map[string]string{"name": "router.rachuna-net.pl"},
		drift:       []string{"=name=changed-by-hand"},
		destroyed:   map[string]string{"name": "MikroTik"},
	}.run(t)
}

func TestAccIPDNS(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dns", menu: "/ip/dns", singleton: true,
		create: `
  servers               = ["1.1.1.1"]
  allow_remote_requests = true`,
		update: `
  servers               = ["1.1.1.1", "2606:4700:4700:0:0:0:0:1112"]
  allow_remote_requests = true
  cache_size            = 4096
  cache_max_ttl         = "48h"`,
		afterCreate: map[string]string{"servers": "1.1.1.1", "allow-remote-requests": "true"},
		afterUpdate: map[string]string{"servers": "1.1.1.1,2606:4700:4700::1112", "cache-size": "4096", "cache-max-ttl": "2d"},
		drift:       []string{"=servers=8.8.8.8", "=allow-remote-requests=no"},
		destroyed:   map[string]string{"servers": "", "allow-remote-requests": "false", "cache-size": "2048"},
	}.run(t)
}

func TestAccIPDNSRecord(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dns_record", menu: "/ip/dns/static",
		create: `
  name    = "vault.rachuna-net.pl"
  address = "10.10.10.11"`,
		update: `
  name    = "vault.rachuna-net.pl"
  address = "10.10.10.12"
  ttl     = "5m"
  comment = "Vault VIP"`,
		find:        map[string]string{"name": "vault.rachuna-net.pl"},
		afterCreate: map[string]string{"address": "10.10.10.11", "ttl": "1d"},
		afterUpdate: map[string]string{"address": "10.10.10.12", "ttl": "5m", "comment": "Vault VIP"},
		drift:       []string{"=address=10.10.10.99", "=ttl=1h"},
		importID:    "vault.rachuna-net.pl",
	}.run(t)
}

func TestAccInterfaceEthernet(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_ethernet", menu: "/interface/ethernet", adopt: true,
		create: `
  default_name = "ether1"
  name         = "ether1-wan"`,
		update: `
  default_name = "ether1"
  name         = "ether1-wan"
  mtu          = 1492
  comment      = "WAN"`,
		find:        map[string]string{"default-name": "ether1"},
		afterCreate: map[string]string{"name": "ether1-wan", "mtu": "1500"},
		afterUpdate: map[string]string{"name": "ether1-wan", "mtu": "1492", "comment": "WAN"},
		drift:       []string{"=mtu=1500", "=comment=changed"},
		importID:    "ether1",
		destroyed:   map[string]string{"name": "ether1"},
	}.run(t)
}

func TestAccInterfaceBonding(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_bonding", menu: "/interface/bonding",
		create: `
  name   = "bonding-storage"
  slaves = ["ether9", "ether10"]
  mode   = "802.3ad"`,
		update: `
  name                 = "bonding-storage"
  slaves               = ["ether9", "ether10"]
  mode                 = "802.3ad"
  transmit_hash_policy = "layer-3-and-4"
  lacp_rate            = "1sec"
  mii_interval         = "200ms"`,
		find:        map[string]string{"name": "bonding-storage"},
		afterCreate: map[string]string{"slaves": "ether9,ether10", "mode": "802.3ad"},
		afterUpdate: map[string]string{"transmit-hash-policy": "layer-3-and-4", "lacp-rate": "1sec", "mii-interval": "200ms"},
		drift:       []string{"=lacp-rate=30secs"},
		importID:    "bonding-storage",
	}.run(t)
}

func TestAccInterfaceList(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_list", menu: "/interface/list",
		create: `name = "LAN"`,
		update: `
  name    = "LAN"
  comment = "every internal bridge"`,
		find:        map[string]string{"name": "LAN"},
		afterCreate: map[string]string{"name": "LAN"},
		afterUpdate: map[string]string{"comment": "every internal bridge"},
		drift:       []string{"=comment=x"},
		importID:    "LAN",
	}.run(t)
}

func TestAccInterfaceListMember(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_list_member", menu: "/interface/list/member", deps: bridgeDeps + `
resource "homelab_routeros_interface_list" "lan" {
  name = "LAN"
}
`,
		create: `
  list      = homelab_routeros_interface_list.lan.name
  interface = homelab_routeros_interface_bridge.proxmox.name`,
		update: `
  list      = homelab_routeros_interface_list.lan.name
  interface = homelab_routeros_interface_bridge.proxmox.name
  comment   = "management is LAN"`,
		find:        map[string]string{"list": "LAN"},
		afterCreate: map[string]string{"interface": "bridge-proxmox"},
		afterUpdate: map[string]string{"interface": "bridge-proxmox", "comment": "management is LAN"},
		drift:       []string{"=interface=bridge-clients"},
		importID:    "list=LAN,interface=bridge-proxmox",
	}.run(t)
}

func TestAccInterfaceBridgeVLAN(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_interface_bridge_vlan", menu: "/interface/bridge/vlan", deps: bridgeDeps,
		create: `
  bridge   = homelab_routeros_interface_bridge.proxmox.name
  vlan_ids = ["10"]
  tagged   = ["ether2", "ether3"]`,
		update: `
  bridge   = homelab_routeros_interface_bridge.proxmox.name
  vlan_ids = ["10"]
  tagged   = ["ether4", "ether2", "ether3"]
  untagged = ["ether5"]`,
		find:        map[string]string{"bridge": "bridge-proxmox", "vlan-ids": "10"},
		afterCreate: map[string]string{"tagged": "ether2,ether3"},
		afterUpdate: map[string]string{"untagged": "ether5"},
		drift:       []string{"=tagged=ether2"},
		importID:    "bridge=bridge-proxmox,vlan_ids=10",
	}.run(t)
}

func TestAccIPDHCPServerLease(t *testing.T) {
	lifecycle{
		typ: "homelab_routeros_ip_dhcp_server_lease", menu: "/ip/dhcp-server/lease",
		create: `
  mac_address = "02:00:00:aa:bb:06"
  address     = "192.168.88.6"
  comment     = "printer"`,
		update: `
  mac_address = "02:00:00:aa:bb:06"
  address     = "192.168.88.16"
  lease_time  = "1h"`,
		find:        map[string]string{"mac-address": "02:00:00:AA:BB:06"},
		afterCreate: map[string]string{"address": "192.168.88.6", "comment": "printer"},
		afterUpdate: map[string]string{"address": "192.168.88.16", "lease-time": "1h", "comment": ""},
		drift:       []string{"=address=192.168.88.99"},
		importID:    "02:00:00:AA:BB:06",
	}.run(t)
}
