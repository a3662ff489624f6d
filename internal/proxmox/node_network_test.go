package proxmox_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func nodeNetworkConfig(e *acctest.ProxmoxEmulator, bond, bridge string) string {
	return acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_node_network" "bond0" {
  node   = "pve-s1"
  iface  = "bond0"
  type   = "bond"
  slaves = ["eno2"]
` + bond + `
}

resource "homelab_proxmox_node_network" "trunk" {
  node              = "pve-s1"
  iface             = "vmbr1"
  type              = "bridge"
  bridge_ports      = [homelab_proxmox_node_network.bond0.iface]
  bridge_vlan_aware = true
` + bridge + `
}

resource "homelab_proxmox_node_network" "mgmt" {
  node  = "pve-s1"
  iface = "${homelab_proxmox_node_network.trunk.iface}.10"
  type  = "vlan"
  cidr  = "10.10.10.201/24"
}
`
}

const (
	bondV1   = "bond_mode = \"802.3ad\"\nbond_xmit_hash_policy = \"layer3+4\""
	bondV2   = "bond_mode = \"active-backup\"\nbond_primary = \"eno2\"\nmtu = 9000"
	bridgeV1 = "bridge_vids = [\"10\", \"20\"]\ncomments = \"trunk to the MikroTik\""
	bridgeV2 = "bridge_vids = [\"10\", \"20\", \"100-110\"]\nmtu = 9000"
)

// emuIface reads an interface from the emulator.
func emuIface(e *acctest.ProxmoxEmulator, node, iface string) (map[string]any, error) {
	raw, err := e.Call("GET", "/nodes/"+node+"/network/"+iface, nil)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(raw, &m)
}

func checkIface(e *acctest.ProxmoxEmulator, iface string, want map[string]string) resource.TestCheckFunc {
	return checkEmu(e, "/nodes/pve-s1/network/"+iface, want)
}

func reloadPVE1(t *testing.T, e *acctest.ProxmoxEmulator) {
	raw, err := e.Call("PUT", "/nodes/pve-s1/network", nil)
	if err != nil {
		t.Fatal(err)
	}
	waitTask(t, e, raw)
}

func TestAccNodeNetwork_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	const trunk = "homelab_proxmox_node_network.trunk"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			for _, i := range []string{"bond0", "vmbr1", "vmbr1.10"} {
				if _, err := emuIface(e, "pve-s1", i); err == nil {
					return fmt.Errorf("interface %s still on pve-s1", i)
				}
			}
			if b := e.Bridges("pve-s1"); len(b) != 1 || b[0] != "vmbr0" {
				return fmt.Errorf("running bridges after destroy %v", b)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // create: staged and applied (the running config has them)
				Config: nodeNetworkConfig(e, bondV1, bridgeV1),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(trunk, "id", "pve-s1/vmbr1"),
					resource.TestCheckResourceAttr("homelab_proxmox_node_network.mgmt", "vlan_id", "10"),
					resource.TestCheckResourceAttr("homelab_proxmox_node_network.mgmt", "vlan_raw_device", "vmbr1"),
					checkIface(e, "vmbr1", map[string]string{"bridge_ports": "bond0", "bridge_vids": "10 20", "bridge_vlan_aware": "1",
						"comments": "trunk to the MikroTik\n", "active": "1", "autostart": "1"}),
					checkIface(e, "bond0", map[string]string{"slaves": "eno2", "bond_mode": "802.3ad", "bond_xmit_hash_policy": "layer3+4"}),
					checkIface(e, "vmbr1.10", map[string]string{"cidr": "10.10.10.201/24", "active": "1"}),
				),
			},
			{ // in place: VLAN range added, MTU, comment removed; bond mode changed
				Config: nodeNetworkConfig(e, bondV2, bridgeV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trunk, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("homelab_proxmox_node_network.bond0", plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkIface(e, "vmbr1", map[string]string{"bridge_vids": "10 20 100-110", "mtu": "9000", "comments": "", "active": "1"}),
					checkIface(e, "bond0", map[string]string{"bond_mode": "active-backup", "bond-primary": "eno2", "bond_xmit_hash_policy": ""}),
				),
			},
			{RefreshState: true},
			{ResourceName: trunk, ImportState: true, ImportStateId: "pve-s1/vmbr1", ImportStateVerify: true},
			{ResourceName: "homelab_proxmox_node_network.bond0", ImportState: true, ImportStateId: "pve-s1/bond0", ImportStateVerify: true},
			{ResourceName: "homelab_proxmox_node_network.mgmt", ImportState: true, ImportStateId: "pve-s1/vmbr1.10", ImportStateVerify: true},
			{Config: nodeNetworkConfig(e, bondV2, bridgeV2), ResourceName: trunk, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "pve-s1/vmbr1"},
			{ // out-of-band change (applied by hand): planned back
				PreConfig: func() {
					if _, err := e.Call("PUT", "/nodes/pve-s1/network/vmbr1", map[string]string{"type": "bridge", "bridge_vids": "10", "comments": "by hand"}); err != nil {
						t.Fatal(err)
					}
					reloadPVE1(t, e)
				},
				Config: nodeNetworkConfig(e, bondV2, bridgeV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(trunk, plancheck.ResourceActionUpdate),
				}},
				Check: checkIface(e, "vmbr1", map[string]string{"bridge_vids": "10 20 100-110", "comments": ""}),
			},
			{ // out-of-band delete: created again
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/nodes/pve-s1/network/vmbr1.10", nil); err != nil {
						t.Fatal(err)
					}
					reloadPVE1(t, e)
				},
				Config: nodeNetworkConfig(e, bondV2, bridgeV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("homelab_proxmox_node_network.mgmt", plancheck.ResourceActionCreate),
				}},
				Check: checkIface(e, "vmbr1.10", map[string]string{"cidr": "10.10.10.201/24", "active": "1"}),
			},
			{ // PVE's writer refuses a port the node lacks, on bridge_ports
				Config: nodeNetworkConfig(e, bondV2, bridgeV2) + `
resource "homelab_proxmox_node_network" "bad" {
  node         = "pve-s1"
  iface        = "vmbr9"
  type         = "bridge"
  bridge_ports = ["eno9"]
}
`,
				ExpectError: errRe(`Creating interface "vmbr9" on pve-s1 \(homelab_proxmox_node_network\) failed.*bridge_ports.*unable to find bridge port 'eno9'`),
			},
			{ // the installer's vmbr0 is not taken over
				Config: nodeNetworkConfig(e, bondV2, bridgeV2) + `
resource "homelab_proxmox_node_network" "vmbr0" {
  node  = "pve-s1"
  iface = "vmbr0"
  type  = "bridge"
}
`,
				ExpectError: errRe(`Creating interface "vmbr0" on pve-s1.*already has "vmbr0".*Import`),
			},
		},
	})
}

func TestAccNodeNetwork_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	for name, tc := range map[string]struct{ body, want string }{
		"bad name":            {`iface = "vmbr-1"` + "\ntype = \"bridge\"", `interface name`},
		"vids not vlan aware": {`iface = "vmbr1"` + "\ntype = \"bridge\"\nbridge_vids = [\"10\"]", `VLAN ids on a VLAN-unaware bridge`},
		"vid out of range":    {`iface = "vmbr1"` + "\ntype = \"bridge\"\nbridge_vlan_aware = true\nbridge_vids = [\"1\"]", `VLAN 1 is out of 2..4094`},
		"bond without slaves": {`iface = "bond0"` + "\ntype = \"bond\"", `Missing slaves`},
		"primary not slave":   {`iface = "bond0"` + "\ntype = \"bond\"\nslaves = [\"eno1\"]\nbond_mode = \"active-backup\"\nbond_primary = \"eno2\"", `Primary is not a slave`},
		"hash policy mode":    {`iface = "bond0"` + "\ntype = \"bond\"\nslaves = [\"eno1\"]\nbond_mode = \"active-backup\"\nbond_xmit_hash_policy = \"layer2\"", `Hash policy not used by this mode`},
		"ports on a vlan":     {`iface = "vmbr0.10"` + "\ntype = \"vlan\"\nbridge_ports = [\"eno1\"]", `not used by this interface type.*bridge_ports`},
		"vlan no parent":      {`iface = "vlan10"` + "\ntype = \"vlan\"", `Missing parent`},
		"custom vlan no id":   {`iface = "iot"` + "\ntype = \"vlan\"\nvlan_raw_device = \"vmbr0\"", `Missing VLAN id`},
		"name disagrees":      {`iface = "vmbr0.10"` + "\ntype = \"vlan\"\nvlan_id = 20", `VLAN name and settings disagree`},
		"gateway no address":  {`iface = "vmbr1"` + "\ntype = \"bridge\"\ngateway = \"10.0.0.1\"", `Gateway without address`},
		"bad cidr":            {`iface = "vmbr1"` + "\ntype = \"bridge\"\ncidr = \"10.0.0.1\"", `cidr`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: []resource.TestStep{{
				PlanOnly: true, Config: acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_node_network\" \"bad\" {\nnode = \"pve-s1\"\n" + tc.body + "\n}\n",
				ExpectError: errRe(tc.want),
			}}})
		})
	}
}
