package routeros_test

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// faultConfig is 20 resources of the lab across 8 menus.
func faultConfig() string {
	var b strings.Builder
	for _, br := range []string{"proxmox", "vms-internal", "vms-dmz"} {
		fmt.Fprintf(&b, "resource \"homelab_routeros_interface_bridge\" %q {\n  name = \"bridge-%s\"\n}\n", br, br)
	}
	for _, port := range []string{"ether2", "ether3", "ether4"} {
		for _, v := range []struct {
			id   int
			name string
		}{{10, "vms-internal"}, {20, "vms-dmz"}} {
			fmt.Fprintf(&b, `resource "homelab_routeros_interface_vlan" "%[1]s_%[2]d" {
  name      = "%[1]s-vlan-%[3]s"
  vlan_id   = %[2]d
  interface = "%[1]s"
}
`, port, v.id, v.name)
		}
		fmt.Fprintf(&b, `resource "homelab_routeros_interface_bridge_port" "%[1]s" {
  bridge    = homelab_routeros_interface_bridge.proxmox.name
  interface = "%[1]s"
}
resource "homelab_routeros_interface_bridge_port" "%[1]s_10" {
  bridge    = homelab_routeros_interface_bridge.vms-internal.name
  interface = homelab_routeros_interface_vlan.%[1]s_10.name
}
`, port)
	}
	b.WriteString(`
resource "homelab_routeros_ip_address" "proxmox" {
  address   = "10.10.0.1/24"
  interface = homelab_routeros_interface_bridge.proxmox.name
}
resource "homelab_routeros_ip_pool" "proxmox" {
  name   = "pool-proxmox"
  ranges = ["10.10.0.100-10.10.0.199"]
}
resource "homelab_routeros_ip_dhcp_server" "proxmox" {
  name         = "dhcp-proxmox"
  interface    = homelab_routeros_interface_bridge.proxmox.name
  address_pool = homelab_routeros_ip_pool.proxmox.name
}
resource "homelab_routeros_ip_dhcp_server_network" "proxmox" {
  address    = "10.10.0.0/24"
  gateway    = "10.10.0.1"
  dns_server = ["10.10.0.1"]
}
resource "homelab_routeros_ip_dns_record" "vault" {
  name    = "vault.rachuna-net.pl"
  address = "10.10.10.11"
}
`)
	return b.String()
}

// faultRows is how many rows of each menu the fault configuration makes.
var faultRows = map[string]int{"/interface/bridge": 3, "/interface/vlan": 6, "/interface/bridge/port": 6,
	"/ip/address": 1, "/ip/pool": 1, "/ip/dhcp-server": 1, "/ip/dhcp-server/network": 1, "/ip/dns/static": 1}

func countRows(e *acctest.RouterOSEmulator, present bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for m, n := range faultRows {
			rows, err := e.Run(m + "/print")
			if err != nil {
				return err
			}
			if !present {
				n = 0
			}
			if len(rows) != n {
				return fmt.Errorf("%s has %d rows, want %d (duplicates or leftovers): %v", m, len(rows), n, rows)
			}
		}
		return nil
	}
}

// TestAccFaultDroppedConnection drops the API connection at every sentence
// of a 20-resource apply (and of its destroy) in turn. Every apply must
// converge: no duplicate rows, nothing missing, an empty plan afterwards.
// FAULT_STEPS limits the sentences tried (default: all of them).
func TestAccFaultDroppedConnection(t *testing.T) {
	e := acctest.RouterOS(t)
	full := acctest.ProviderConfig(e.Block()) + faultConfig()
	empty := acctest.ProviderConfig(e.Block())
	limit := math.MaxInt
	if s := os.Getenv("FAULT_STEPS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("FAULT_STEPS=%q: want a positive number of sentences to try", s)
		}
		limit = n
	}
	// The sentences a clean create (and destroy) sends, measured first; then
	// one create and one destroy per sentence number, the connection dropped
	// on receiving that sentence.
	var creates, destroys int
	sum := func() int {
		n := 0
		for _, c := range e.Counters() {
			n += c
		}
		return n
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{
		{PreConfig: func() { e.ResetCounters() }, Config: full, Check: func(s *terraform.State) error {
			creates = sum()
			e.ResetCounters()
			return countRows(e, true)(s)
		}},
		{Config: empty, Check: func(s *terraform.State) error {
			destroys = sum()
			return countRows(e, false)(s)
		}},
	}})
	if creates == 0 || destroys == 0 {
		t.Fatalf("clean run measured %d create and %d destroy sentences", creates, destroys)
	}
	t.Logf("a clean apply of 20 resources sends %d sentences, their destroy %d", creates, destroys)
	drop := func(n, total int) func() {
		return func() {
			if n <= total {
				e.DropAfter(n)
			} else {
				e.DropAfter(0)
			}
		}
	}
	var steps []resource.TestStep
	for n := 1; n <= min(max(creates, destroys), limit); n++ {
		steps = append(steps,
			resource.TestStep{PreConfig: drop(n, creates), Config: full, Check: countRows(e, true)},
			resource.TestStep{PreConfig: drop(n, destroys), Config: empty, Check: countRows(e, false)},
		)
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
}

// TestAccFaultDropOnAdd drops the connection on each menu's add, before and
// after the router executed it: the add is looked up by natural key before
// it is retried, so nothing is duplicated.
func TestAccFaultDropOnAdd(t *testing.T) {
	e := acctest.RouterOS(t)
	full := acctest.ProviderConfig(e.Block()) + faultConfig()
	empty := acctest.ProviderConfig(e.Block())
	var steps []resource.TestStep
	for m := range faultRows {
		for _, after := range []bool{false, true} {
			steps = append(steps,
				resource.TestStep{PreConfig: func() { e.DropOn(m+"/add", after) }, Config: full, Check: countRows(e, true)},
				resource.TestStep{Config: empty, Check: countRows(e, false)},
			)
		}
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
}
