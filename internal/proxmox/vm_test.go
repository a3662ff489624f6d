package proxmox_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	pveemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

const vmAddr = "homelab_proxmox_vm.haproxy"

// withVMTemplate creates the cloud-init Ubuntu VM template 9000 on pve-s1.
func withVMTemplate(t *testing.T, e *acctest.ProxmoxEmulator) {
	t.Helper()
	raw, err := e.Call("POST", "/nodes/pve-s1/qemu", map[string]string{
		"vmid": "9000", "name": "ubuntu-2404-cloud", "scsi0": "local-lvm:8", "scsihw": "virtio-scsi-single",
		"net0": "virtio,bridge=vmbr0", "ide2": "local-lvm:cloudinit", "boot": "order=scsi0;net0", "memory": "1024",
	})
	if err != nil {
		t.Fatalf("creating the template VM: %v", err)
	}
	waitTask(t, e, raw)
	raw, err = e.Call("POST", "/nodes/pve-s1/qemu/9000/template", nil)
	if err != nil {
		t.Fatalf("converting 9000 to a template: %v", err)
	}
	waitTask(t, e, raw)
}

func vmConfig(e *acctest.ProxmoxEmulator, node, body string) string {
	return acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "haproxy" {
  node  = "` + node + `"
  vmid  = 2001
  name  = "haproxy-1"
  clone = { source_vmid = 9000, full = true }
` + body + `
}
`
}

const vmV1 = `
  cores  = 2
  memory = 2048
  agent  = true
  disk = [{ slot = "scsi0", storage = "local-lvm", size = "16G" }]
  network = [{ bridge = "vmbr0", tag = 20, firewall = true }]
  cloud_init = {
    storage    = "local-lvm"
    user       = "ubuntu"
    ssh_keys   = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvuHnh6yfgPv2o2yHX1ChTSl7xWRCdUQ0Nq1+Ni9GFV admin@rachuna-net.pl"
    ip_config  = [{ ip = "10.10.20.11/24", gw = "10.10.20.1" }]
    nameserver = "10.10.20.1"
  }
  tags        = ["haproxy", "dmz"]
  description = "HAProxy behind the VIP"
`

const vmV2 = `
  cores   = 4
  sockets = 1
  memory  = 4096
  agent   = true
  disk = [
    { slot = "scsi0", storage = "local-lvm", size = "20G" },
    { slot = "scsi1", storage = "local-lvm", size = "8G" },
  ]
  network = [
    { bridge = "vmbr0", tag = 20, firewall = true },
    { bridge = "vmbr0", tag = 10 },
  ]
  cloud_init = {
    storage    = "local-lvm"
    user       = "ubuntu"
    ssh_keys   = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvuHnh6yfgPv2o2yHX1ChTSl7xWRCdUQ0Nq1+Ni9GFV admin@rachuna-net.pl"
    ip_config  = [{ ip = "10.10.20.11/24", gw = "10.10.20.1" }, { ip = "10.10.10.11/24" }]
    nameserver = "10.10.20.1"
  }
  tags        = ["dmz", "haproxy", "prod"]
  description = "HAProxy behind the VIP"
  pool        = "web"
`

func TestAccVM_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	withVMTemplate(t, e)
	if _, err := e.Call("POST", "/pools", map[string]string{"poolid": "web"}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkOnlyGuests(e, 9000),
		Steps: []resource.TestStep{
			{ // create: full clone of the template, then configured
				Config: vmConfig(e, "pve-s1", vmV1),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(vmAddr, "id", "pve-s1/2001"),
					resource.TestCheckResourceAttr(vmAddr, "started", "true"),
					resource.TestCheckResourceAttr(vmAddr, "memory", "2048"),
					resource.TestCheckResourceAttr(vmAddr, "disk.0.size", "16G"),
					resource.TestCheckResourceAttrSet(vmAddr, "network.0.macaddr"),
					resource.TestCheckResourceAttr(vmAddr, "network.0.model", "virtio"),
					checkConfig(e, "qemu", "pve-s1", 2001, "scsi0", "size=16G"),
					checkConfig(e, "qemu", "pve-s1", 2001, "net0", "tag=20"),
					checkConfig(e, "qemu", "pve-s1", 2001, "ipconfig0", "ip=10.10.20.11/24"),
					checkConfig(e, "qemu", "pve-s1", 2001, "ciuser", "ubuntu"),
					resource.TestCheckNoResourceAttr(vmAddr, "clone.source_vmid"), // write-only
				),
			},
			{ // disk shrink rejected at plan time
				Config:      vmConfig(e, "pve-s1", strings.Replace(vmV1, `size = "16G"`, `size = "8G"`, 1)),
				PlanOnly:    true,
				ExpectError: errRe(`Disk cannot shrink`),
			},
			{ // update in place
				Config: vmConfig(e, "pve-s1", vmV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(vmAddr, "memory", "4096"),
					resource.TestCheckResourceAttrSet(vmAddr, "disk.1.volume"),
					resource.TestCheckResourceAttrSet(vmAddr, "network.1.macaddr"),
					checkConfig(e, "qemu", "pve-s1", 2001, "scsi0", "size=20G"),
					checkConfig(e, "qemu", "pve-s1", 2001, "scsi1", "size=8G"),
					checkConfig(e, "qemu", "pve-s1", 2001, "cores", "4"),
					resource.TestCheckResourceAttr(vmAddr, "pool", "web"),
				),
			},
			{ // changing node migrates in place
				Config: vmConfig(e, "pve-s2", vmV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(vmAddr, "id", "pve-s2/2001"),
					checkConfig(e, "qemu", "pve-s2", 2001, "name", "haproxy-1"),
				),
			},
			{RefreshState: true},
			{ // an import block of the VM plans the import alone
				Config:          vmConfig(e, "pve-s2", vmV2),
				ResourceName:    vmAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "pve-s2/2001",
			},
			{ResourceName: vmAddr, ImportState: true, ImportStateId: "pve-s2/2001", ImportStateVerify: true},
			{ResourceName: vmAddr, ImportState: true, ImportStateId: "2001", ImportStateVerify: true},
			{ // another clone source later: no replacement, nothing to do
				Config:   strings.Replace(vmConfig(e, "pve-s2", vmV2), `clone = { source_vmid = 9000, full = true }`, `clone = { source_vmid = 9001, full = false }`, 1),
				PlanOnly: true,
			},
			{ // out-of-band change detected and corrected
				PreConfig: func() {
					if _, err := e.Call("PUT", "/nodes/pve-s2/qemu/2001/config", map[string]string{"memory": "8192", "description": "changed by hand"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: vmConfig(e, "pve-s2", vmV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkConfig(e, "qemu", "pve-s2", 2001, "memory", "4096"),
					checkConfig(e, "qemu", "pve-s2", 2001, "description", "HAProxy behind the VIP"),
				),
			},
			{ // out-of-band delete: recreated
				PreConfig: func() {
					raw, err := e.Call("POST", "/nodes/pve-s2/qemu/2001/status/stop", nil)
					if err != nil {
						t.Fatal(err)
					}
					waitTask(t, e, raw)
					waitStopped(t, e, 2001)
					raw, err = e.Call("DELETE", "/nodes/pve-s2/qemu/2001", map[string]string{"purge": "1"})
					if err != nil {
						t.Fatal(err)
					}
					waitTask(t, e, raw)
					waitGone(t, e, 2001)
				},
				Config: vmConfig(e, "pve-s2", vmV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(vmAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkConfig(e, "qemu", "pve-s2", 2001, "scsi1", "size=8G"),
			},
			{ // a disk removed from the list is detached, its volume kept as unused
				Config: vmConfig(e, "pve-s2", strings.Replace(vmV2, `{ slot = "scsi1", storage = "local-lvm", size = "8G" },`, ``, 1)),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(vmAddr, "disk.#", "1"),
					func(*terraform.State) error {
						cfg, err := guestConfig(e, "qemu", "pve-s2", 2001)
						if err != nil {
							return err
						}
						if _, ok := cfg["scsi1"]; ok {
							return fmt.Errorf("scsi1 still attached: %v", cfg["scsi1"])
						}
						return nil
					},
				),
			},
		},
	})
}

// TestAccVM_empty: a VM created from scratch (no clone), linked clone of
// it is refused with storage (plan time).
func TestAccVM_empty(t *testing.T) {
	e := acctest.Proxmox(t)
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "k8s" {
  node     = "pve-s3"
  name     = "k8s-worker-1"
  cores    = 4
  memory   = 8192
  cpu_type = "host"
  started  = false
  boot     = "order=scsi0;net0"
  disk     = [{ slot = "scsi0", storage = "local-lvm", size = "32G" }, { slot = "virtio0", storage = "nas", size = "512M" }]
  network  = [{ model = "virtio", bridge = "vmbr0", tag = 10, macaddr = "BC:24:11:AA:BB:01" }]
  onboot   = true
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttrSet("homelab_proxmox_vm.k8s", "vmid"),
				resource.TestCheckResourceAttr("homelab_proxmox_vm.k8s", "started", "false"),
				resource.TestCheckResourceAttr("homelab_proxmox_vm.k8s", "network.0.macaddr", "BC:24:11:AA:BB:01"),
				resource.TestCheckResourceAttr("homelab_proxmox_vm.k8s", "disk.1.size", "512M"),
			),
		}},
	})
}

// TestAccVM_failedTask: qemu-server detects a taken VMID inside the worker;
// the diagnostic carries the task's exit status and its log.
func TestAccVM_failedTask(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	if _, err := e.Call("POST", "/nodes/pve-s1/lxc", map[string]string{"vmid": "2001", "ostemplate": ostemplate, "rootfs": "local-lvm:1"}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "x" {
  node = "pve-s1"
  vmid = 2001
  name = "collides"
}
`,
			ExpectError: errRe(`Proxmox task UPID:pve-s1:.*qmcreate.* failed: unable to create VM 2001 - CT 2001 already exists.*last lines of the task log:.*TASK ERROR`),
		}},
	})
}

func TestAccVM_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	cases := map[string]struct{ body, want string }{
		"vmid too big":           {`vmid = 1000000000`, `between 100 and 999999999`},
		"bad name":               {`name = "haproxy_1"`, `not a valid DNS name`},
		"bad node":               {`node = "-pve"`, `not a valid Proxmox node name`},
		"sockets zero":           {`sockets = 0`, `between 1 and 16`},
		"memory tiny":            {`memory = 1`, `at least 16`},
		"bad disk slot":          {`disk = [{ slot = "ide0", storage = "local-lvm", size = "8G" }]`, `not a valid disk slot`},
		"duplicate disk slot":    {`disk = [{ slot = "scsi0", storage = "local-lvm", size = "8G" }, { slot = "scsi0", storage = "local-lvm", size = "8G" }]`, `Duplicate disk slot`},
		"disk size no unit":      {`disk = [{ slot = "scsi0", storage = "local-lvm", size = "8" }]`, `not a disk size`},
		"nic model":              {`network = [{ model = "ne2k", bridge = "vmbr0" }]`, `value must be one of`},
		"vlan 0":                 {`network = [{ bridge = "vmbr0", tag = 0 }]`, `between 1 and 4094`},
		"bad mac":                {`network = [{ bridge = "vmbr0", macaddr = "zz:24:11:00:00:01" }]`, `not a MAC address`},
		"linked clone storage":   {`clone = { source_vmid = 9000, full = false, storage = "local-lvm" }`, `Storage with a linked clone`},
		"ci gw without ip":       {`cloud_init = { storage = "local-lvm", ip_config = [{ ip = "dhcp", gw = "10.0.0.1" }] }`, `Gateway without a static address`},
		"ci bad ssh key":         {`cloud_init = { storage = "local-lvm", ssh_keys = "rsa AAAA" }`, `not an OpenSSH public key`},
		"bad boot order":         {`boot = "scsi0,net0"`, `not a valid boot order`},
		"upper-case tag":         {`tags = ["DMZ"]`, `lower case`},
		"bad cpu type":           {`cpu_type = "host,flags=+aes"`, `not a valid CPU type`},
		"more ipconfig than nic": {`network = [{ bridge = "vmbr0" }]` + "\n" + `cloud_init = { storage = "local-lvm", ip_config = [{ ip = "dhcp" }, { ip = "dhcp" }] }`, `More ip_config than NICs`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			body := tc.body
			if !strings.HasPrefix(body, "node") {
				body = `node = "pve-s1"` + "\n" + body
			}
			if !strings.HasPrefix(tc.body, "name") {
				body = `name = "vm1"` + "\n" + body
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_vm\" \"bad\" {\n" + body + "\n}\n",
					PlanOnly:    true,
					ExpectError: errRe(tc.want),
				}},
			})
		})
	}
	if err := checkNoGuests(e)(nil); err != nil {
		t.Fatal(err)
	}
}

// TestAccVM_permissionDenied: a read-only token cannot create a VM.
func TestAccVM_permissionDenied(t *testing.T) {
	e := acctest.Proxmox(t, func(c *pveemu.Config) {
		for i := range c.Tokens {
			c.Tokens[i].Privileges = []string{"VM.Audit", "Sys.Audit"}
		}
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// Nothing was created, so nothing is left either.
		CheckDestroy: checkNoGuests(e),
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "x" {
  node = "pve-s1"
  name = "denied"
}
`,
			ExpectError: errRe(`HTTP 403.*lacks a privilege`),
		}},
	})
}

// TestAccVM_transientTaskPoll: HTTP 500s and a reset on the task polls of
// the clone, config and start tasks are retried.
func TestAccVM_transientTaskPoll(t *testing.T) {
	e := acctest.Proxmox(t, func(c *pveemu.Config) { c.TaskDuration = 300 * time.Millisecond })
	withVMTemplate(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			_, err := guestConfig(e, "qemu", "pve-s1", 2001)
			if err == nil {
				return fmt.Errorf("VM 2001 still exists")
			}
			return nil
		},
		Steps: []resource.TestStep{{
			PreConfig: func() {
				e.FailNext("GET", "/nodes/pve-s1/tasks/", 2, pveemu.FailHTTP500)
				e.FailNext("GET", "/nodes/pve-s1/tasks/", 1, pveemu.FailReset)
			},
			Config: vmConfig(e, "pve-s1", vmV1),
			Check:  resource.TestCheckResourceAttr(vmAddr, "started", "true"),
		}},
	})
}

// TestAccVM_linkedClone: a linked clone of the template onto another node's
// view of the same storage, with parallel VMID allocation.
func TestAccVM_linkedClone(t *testing.T) {
	e := acctest.Proxmox(t)
	withVMTemplate(t, e)
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "worker" {
  count   = 3
  node    = "pve-s1"
  name    = "k8s-worker-${count.index + 1}"
  clone   = { source_vmid = 9000, full = false }
  started = false
  disk    = [{ slot = "scsi0", storage = "local-lvm", size = "8G" }]
  network = [{ bridge = "vmbr0", tag = 10 }]
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		// The three clones are destroyed; the template stays.
		CheckDestroy: checkOnlyGuests(e, 9000),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestMatchResourceAttr("homelab_proxmox_vm.worker.0", "disk.0.volume", regexp.MustCompile(`base-9000-disk-0/vm-\d+-disk-0`)),
				func(s *terraform.State) error {
					ids := map[string]bool{}
					for i := 0; i < 3; i++ {
						id := s.RootModule().Resources[fmt.Sprintf("homelab_proxmox_vm.worker.%d", i)].Primary.Attributes["vmid"]
						if ids[id] {
							return fmt.Errorf("vmid %s twice", id)
						}
						ids[id] = true
					}
					return nil
				},
			),
		}},
	})
}

// TestAccVM_cloneWithoutDisks: a clone whose configuration lists no disks
// keeps its template's, read back into `disk` (it used to fail with
// ".disk was null, but now ..."); memory left unset is PVE's default (512).
// The VM imports clean, and listing the disk later takes it over.
func TestAccVM_cloneWithoutDisks(t *testing.T) {
	e := acctest.Proxmox(t)
	withVMTemplate(t, e)
	const addr = "homelab_proxmox_vm.plain"
	cfg := func(body string) string {
		return acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "plain" {
  node    = "pve-s1"
  vmid    = 2003
  name    = "plain-clone"
  clone   = { source_vmid = 9000 }
  started = false
  network = [{ bridge = "vmbr0" }]
` + body + `
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkOnlyGuests(e, 9000),
		Steps: []resource.TestStep{
			{
				Config: cfg(""),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(addr, "disk.#", "1"),
					resource.TestCheckResourceAttr(addr, "disk.0.slot", "scsi0"),
					resource.TestCheckResourceAttr(addr, "disk.0.size", "8G"),
					resource.TestCheckResourceAttr(addr, "memory", "512"),
					checkConfig(e, "qemu", "pve-s1", 2003, "memory", "512"),
					checkConfig(e, "qemu", "pve-s1", 2003, "scsi0", "size=8G"),
				),
			},
			{Config: cfg(""), PlanOnly: true},
			{RefreshState: true},
			{Config: cfg(""), ResourceName: addr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "pve-s1/2003"},
			{ResourceName: addr, ImportState: true, ImportStateId: "pve-s1/2003", ImportStateVerify: true},
			{ // the template's disk, now listed, grows in place
				Config: cfg(`  disk = [{ slot = "scsi0", storage = "local-lvm", size = "10240M" }]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: checkConfig(e, "qemu", "pve-s1", 2003, "scsi0", "size=10G"),
			},
			{RefreshState: true, Check: resource.TestCheckResourceAttr(addr, "disk.0.size", "10G")},
		},
	})
}

// TestAccVM_importDefaults: a VM PVE created with its defaults (no memory,
// cores or sockets given) imports into a configuration that leaves them
// unset with a plan of the import alone: the schema's defaults are PVE's.
func TestAccVM_importDefaults(t *testing.T) {
	e := acctest.Proxmox(t)
	raw, err := e.Call("POST", "/nodes/pve-s1/qemu", map[string]string{
		"vmid": "2004", "name": "by-hand", "scsi0": "local-lvm:4", "net0": "virtio,bridge=vmbr0",
	})
	if err != nil {
		t.Fatal(err)
	}
	waitTask(t, e, raw)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_vm" "by_hand" {
  node    = "pve-s1"
  vmid    = 2004
  name    = "by-hand"
  started = false
  disk    = [{ slot = "scsi0", storage = "local-lvm", size = "4096M" }]
  network = [{ bridge = "vmbr0" }]
}
`,
			ResourceName:    "homelab_proxmox_vm.by_hand",
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithID,
			ImportStateId:   "pve-s1/2004",
		}},
	})
}

// TestAccVM_cloudInitPassword: the write-only cloud-init password is sent
// at creation, not again when only the password (or another attribute)
// changes, and again when password_version changes; the state never holds
// it.
func TestAccVM_cloudInitPassword(t *testing.T) {
	e := acctest.Proxmox(t)
	const addr = "homelab_proxmox_vm.ci"
	cfg := func(password string, version, memory int) string {
		return acctest.ProviderConfig(e.Block()) + fmt.Sprintf(`
resource "homelab_proxmox_vm" "ci" {
  node       = "pve-s1"
  vmid       = 2005
  name       = "ci-vm"
  memory     = %d
  started    = false
  cloud_init = { storage = "local-lvm", user = "ubuntu", password = %q, password_version = %d }
}
`, memory, password, version)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{
			{
				Config: cfg("pw-one-1", 1, 1024),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkCIPassword(e, 2005, "pw-one-1"),
					resource.TestCheckNoResourceAttr(addr, "cloud_init.password"),
					resource.TestCheckResourceAttr(addr, "cloud_init.password_version", "1"),
				),
			},
			{ // a new password alone: nothing to do, nothing sent
				Config:           cfg("pw-two-2", 1, 1024),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            checkCIPassword(e, 2005, "pw-one-1"),
			},
			{ // another change: the password is still not sent
				Config: cfg("pw-two-2", 1, 2048),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkConfig(e, "qemu", "pve-s1", 2005, "memory", "2048"),
					checkCIPassword(e, 2005, "pw-one-1"),
				),
			},
			{ // password_version changed: sent
				Config: cfg("pw-two-2", 2, 2048),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
				}},
				Check: checkCIPassword(e, 2005, "pw-two-2"),
			},
			{RefreshState: true},
		},
	})
}

// checkCIPassword asserts the cloud-init password the emulator stores for
// VM vmid (GET .../config only shows it masked).
func checkCIPassword(e *acctest.ProxmoxEmulator, vmid int, want string) func(*terraform.State) error {
	return func(*terraform.State) error {
		raw, err := e.State()
		if err != nil {
			return err
		}
		var st struct {
			Guests map[string]struct {
				Config  map[string]string `json:"config"`
				Pending map[string]string `json:"pending"`
			} `json:"guests"`
		}
		if err := json.Unmarshal(raw, &st); err != nil {
			return err
		}
		g, ok := st.Guests[fmt.Sprint(vmid)]
		if !ok {
			return fmt.Errorf("no VM %d on the emulator", vmid)
		}
		got := g.Config["cipassword"]
		if p, ok := g.Pending["cipassword"]; ok {
			got = p
		}
		if got != want {
			return fmt.Errorf("VM %d cipassword = %q, want %q", vmid, got, want)
		}
		return nil
	}
}
