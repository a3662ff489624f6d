package proxmox_test

import (
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

const lxcAddr = "homelab_proxmox_lxc.ct"

func lxcConfig(e *acctest.ProxmoxEmulator, body string) string {
	return acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_lxc" "ct" {
  node       = "pve-s1"
  vmid       = 1005
  hostname   = "ct01005"
  ostemplate = "` + ostemplate + `"
` + body + `
}
`
}

const lxcV1 = `
  cores    = 1
  memory   = 1024
  password = "s3cret-pw"
  ssh_public_keys = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvuHnh6yfgPv2o2yHX1ChTSl7xWRCdUQ0Nq1+Ni9GFV admin@rachuna-net.pl"
  rootfs = { storage = "local-lvm", size = "8G" }
  network = [{ name = "eth0", bridge = "vmbr0", tag = 10, ip = "10.10.10.5/24", gw = "10.10.10.1" }]
  nameserver   = "10.10.10.1"
  searchdomain = "rachuna-net.pl"
  features = { nesting = true }
  tags        = ["vault", "consul"]
  description = "Consul + Vault"
  onboot  = true
  startup = "order=1,up=30"
`

const lxcV2 = `
  cores    = 2
  memory   = 2048
  swap     = 1024
  password = "s3cret-pw"
  ssh_public_keys = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvuHnh6yfgPv2o2yHX1ChTSl7xWRCdUQ0Nq1+Ni9GFV admin@rachuna-net.pl"
  rootfs = { storage = "local-lvm", size = "10240M" }
  mount_point = [{ storage = "local-lvm", size = "4G", path = "/var/lib/vault", backup = true }]
  network = [
    { name = "eth0", bridge = "vmbr0", tag = 10, ip = "10.10.10.5/24", gw = "10.10.10.1", firewall = true },
    { name = "eth1", bridge = "vmbr0", ip = "dhcp" },
  ]
  nameserver   = "10.10.10.1 10.10.10.2"
  searchdomain = "rachuna-net.pl"
  features = { nesting = true, keyctl = true }
  tags        = ["consul", "prod", "vault"]
  description = "Consul + Vault\nmanaged by tofu"
  onboot  = true
  startup = "order=1,up=30"
  pool    = "vault"
`

func TestAccLXC_lifecycle(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	for _, p := range []string{"vault", "infra"} {
		if _, err := e.Call("POST", "/pools", map[string]string{"poolid": p}); err != nil {
			t.Fatal(err)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if _, err := guestConfig(e, "lxc", "pve-s1", 1005); err == nil {
				return fmt.Errorf("CT 1005 still exists after destroy")
			}
			return checkNoGuests(e)(nil)
		},
		Steps: []resource.TestStep{
			{ // create
				Config: lxcConfig(e, lxcV1),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(lxcAddr, "id", "pve-s1/1005"),
					resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
					resource.TestCheckResourceAttr(lxcAddr, "unprivileged", "true"),
					resource.TestCheckResourceAttr(lxcAddr, "rootfs.size", "8G"),
					resource.TestCheckResourceAttrSet(lxcAddr, "rootfs.volume"),
					// write-only: sent at creation, never stored
					resource.TestCheckNoResourceAttr(lxcAddr, "ostemplate"),
					resource.TestCheckNoResourceAttr(lxcAddr, "password"),
					resource.TestCheckNoResourceAttr(lxcAddr, "ssh_public_keys"),
					resource.TestMatchResourceAttr(lxcAddr, "network.0.hwaddr", regexp.MustCompile(`^([0-9A-F]{2}:){5}[0-9A-F]{2}$`)),
					checkConfig(e, "lxc", "pve-s1", 1005, "hostname", "ct01005"),
					checkConfig(e, "lxc", "pve-s1", 1005, "net0", "tag=10"),
					checkConfig(e, "lxc", "pve-s1", 1005, "features", "nesting=1"),
				),
			},
			{ // empty plan after apply, also on a re-plan
				Config:             lxcConfig(e, lxcV1),
				ConfigPlanChecks:   resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				PlanOnly:           false,
				ExpectNonEmptyPlan: false,
			},
			{ // disk shrink rejected at plan time
				Config:      lxcConfig(e, strings.Replace(lxcV1, `size = "8G"`, `size = "4G"`, 1)),
				PlanOnly:    true,
				ExpectError: errRe(`Disk cannot shrink.*cannot be reduced to 4G`),
			},
			{ // update in place: cpu, memory, disk growth, new mount point and NIC, tags, description
				Config: lxcConfig(e, lxcV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(lxcAddr, "cores", "2"),
					resource.TestCheckResourceAttr(lxcAddr, "rootfs.size", "10240M"),
					resource.TestCheckResourceAttr(lxcAddr, "mount_point.0.size", "4G"),
					resource.TestCheckResourceAttrSet(lxcAddr, "mount_point.0.volume"),
					resource.TestCheckResourceAttrSet(lxcAddr, "network.1.hwaddr"),
					resource.TestCheckResourceAttr(lxcAddr, "tags.#", "3"),
					checkConfig(e, "lxc", "pve-s1", 1005, "rootfs", "size=10G"),
					checkConfig(e, "lxc", "pve-s1", 1005, "memory", "2048"),
					checkConfig(e, "lxc", "pve-s1", 1005, "mp0", "mp=/var/lib/vault"),
				),
			},
			{ // a refresh stores PVE's spelling ("10G" for "10240M") and plans nothing
				RefreshState: true,
				Check:        resource.TestCheckResourceAttr(lxcAddr, "rootfs.size", "10G"),
			},
			{ // an import block of the container plans the import alone
				Config:          lxcConfig(e, lxcV2),
				ResourceName:    lxcAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "pve-s1/1005",
			},
			{ // import by node/vmid
				ResourceName:      lxcAddr,
				ImportState:       true,
				ImportStateId:     "pve-s1/1005",
				ImportStateVerify: true,
			},
			{ // import by vmid alone
				ResourceName:      lxcAddr,
				ImportState:       true,
				ImportStateId:     "1005",
				ImportStateVerify: true,
			},
			{ // create-time values changed later (template, password, keys): no replacement, nothing to do
				Config: strings.Replace(lxcConfig(e, strings.NewReplacer(`password = "s3cret-pw"`, `password = "rotated-pw"`,
					"admin@rachuna-net.pl", "ops@rachuna-net.pl").Replace(lxcV2)),
					ostemplate, "local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst", 1),
				PlanOnly: true,
			},
			{ // out-of-band change detected and corrected
				PreConfig: func() {
					if _, err := e.Call("PUT", "/nodes/pve-s1/lxc/1005/config", map[string]string{"memory": "4096", "tags": "hacked"}); err != nil {
						t.Fatalf("out-of-band change: %v", err)
					}
				},
				Config: lxcConfig(e, lxcV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkConfig(e, "lxc", "pve-s1", 1005, "memory", "2048"),
					checkConfig(e, "lxc", "pve-s1", 1005, "tags", "consul;prod;vault"),
				),
			},
			{ // out-of-band change of a value the configuration leaves to its default (`features.fuse`, false) alone: detected and corrected
				PreConfig: func() {
					if _, err := e.Call("PUT", "/nodes/pve-s1/lxc/1005/config", map[string]string{"features": "fuse=1,keyctl=1,nesting=1"}); err != nil {
						t.Fatalf("out-of-band change: %v", err)
					}
				},
				Config: lxcConfig(e, lxcV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkConfig(e, "lxc", "pve-s1", 1005, "features", "keyctl=1,nesting=1"),
			},
			{ // out-of-band stop detected and corrected (`started` is left to its default, true)
				PreConfig: func() {
					raw, err := e.Call("POST", "/nodes/pve-s1/lxc/1005/status/stop", nil)
					if err != nil {
						t.Fatalf("out-of-band stop: %v", err)
					}
					waitTask(t, e, raw)
					waitStopped(t, e, 1005)
				},
				Config: lxcConfig(e, lxcV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
			},
			{ // out-of-band delete: recreated
				PreConfig: func() {
					if _, err := e.Call("POST", "/nodes/pve-s1/lxc/1005/status/stop", nil); err != nil {
						t.Fatalf("out-of-band stop: %v", err)
					}
					waitStopped(t, e, 1005)
					if _, err := e.Call("DELETE", "/nodes/pve-s1/lxc/1005", map[string]string{"purge": "1"}); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
					waitGone(t, e, 1005)
				},
				Config: lxcConfig(e, lxcV2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkConfig(e, "lxc", "pve-s1", 1005, "hostname", "ct01005"),
			},
			{ // stop on request; pool moved in place
				Config: lxcConfig(e, strings.Replace(strings.Replace(lxcV2, "onboot  = true", "onboot = true\n  started = false", 1), `pool    = "vault"`, `pool = "infra"`, 1)),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(lxcAddr, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(lxcAddr, "started", "false"),
					resource.TestCheckResourceAttr(lxcAddr, "pool", "infra"),
				),
			},
			{ // out of every pool
				Config: lxcConfig(e, strings.Replace(strings.Replace(lxcV2, "onboot  = true", "onboot = true\n  started = false", 1), `pool    = "vault"`, ``, 1)),
				Check:  resource.TestCheckNoResourceAttr(lxcAddr, "pool"),
			},
		},
	})
}

// waitStopped and waitGone wait for out-of-band tasks (the emulator's tasks
// may take TaskDuration).
func waitStopped(t *testing.T, e *acctest.ProxmoxEmulator, vmid int) {
	t.Helper()
	for i := 0; i < 100; i++ {
		list, err := clusterGuests(e)
		if err != nil {
			t.Fatal(err)
		}
		running := false
		for _, g := range list {
			if fmt.Sprint(g["vmid"]) == fmt.Sprint(vmid) && g["status"] == "running" {
				running = true
			}
		}
		if !running {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("guest %d did not stop", vmid)
}

func waitGone(t *testing.T, e *acctest.ProxmoxEmulator, vmid int) {
	t.Helper()
	for i := 0; i < 100; i++ {
		list, err := clusterGuests(e)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, g := range list {
			if fmt.Sprint(g["vmid"]) == fmt.Sprint(vmid) {
				found = true
			}
		}
		if !found {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("guest %d was not deleted", vmid)
}

// TestAccLXC_badInput: every case fails at plan time (or with a clear
// diagnostic before anything is created) and leaves the cluster empty.
func TestAccLXC_badInput(t *testing.T) {
	e := acctest.Proxmox(t)
	withTemplate(t, e)
	base := map[string]string{
		"node": `"pve-s1"`, "hostname": `"ct01005"`, "ostemplate": `"` + ostemplate + `"`,
		"rootfs": `{ storage = "local-lvm", size = "8G" }`,
	}
	cases := []struct {
		name, set, want string
	}{
		{"vmid too low", `vmid = 99`, `vmid.*between 100 and 999999999`},
		{"bad node", `node = "pve s1"`, `not a valid Proxmox node name`},
		{"bad hostname", `hostname = "ct_01005!"`, `not a valid DNS host name`},
		{"ostemplate not a vztmpl volid", `ostemplate = "ubuntu.tar.zst"`, `not a valid template volume id`},
		{"missing ostemplate", `ostemplate = null`, `Creating a container needs .ostemplate.`},
		{"size without unit", `rootfs = { storage = "local-lvm", size = "8" }`, `not a disk size`},
		{"bad storage id", `rootfs = { storage = "local lvm", size = "8G" }`, `not a valid storage id`},
		{"memory too small", `memory = 8`, `memory.*at least 16`},
		{"cores zero", `cores = 0`, `cores.*between 1 and 8192`},
		{"vlan tag out of range", `network = [{ name = "eth0", bridge = "vmbr0", tag = 4095 }]`, `tag.*between 1 and 4094`},
		{"ip without prefix", `network = [{ name = "eth0", bridge = "vmbr0", ip = "10.10.10.5" }]`, `IPv4 address with prefix length`},
		{"gateway with dhcp", `network = [{ name = "eth0", bridge = "vmbr0", ip = "dhcp", gw = "10.10.10.1" }]`, `Gateway without a static address`},
		{"multicast mac", `network = [{ name = "eth0", bridge = "vmbr0", hwaddr = "01:00:5E:00:00:01" }]`, `multicast`},
		{"duplicate nic name", `network = [{ name = "eth0", bridge = "vmbr0" }, { name = "eth0", bridge = "vmbr0" }]`, `Duplicate interface name`},
		{"upper-case tag", `tags = ["Prod"]`, `lower case`},
		{"short password", `password = "abc"`, `password.*at least 5`},
		{"bad ssh key", `ssh_public_keys = "not-a-key"`, `not an OpenSSH public key`},
		{"bad startup", `startup = "first"`, `not a valid startup order`},
		{"mount point without size", `mount_point = [{ storage = "local-lvm", path = "/data" }]`, `Incomplete mount point`},
		{"bind mount relative", `mount_point = [{ volume = "mnt/nas", path = "/data" }]`, `Invalid bind mount source`},
		{"nameserver not an ip", `nameserver = "dns.example"`, `not an IP address`},
		{"gw6 without ip6", `network = [{ name = "eth0", bridge = "vmbr0", gw6 = "fd00::1" }]`, `IPv6 gateway without a static address`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			attrs := map[string]string{}
			for k, v := range base {
				attrs[k] = v
			}
			key, val, _ := strings.Cut(tc.set, "=")
			attrs[strings.TrimSpace(key)] = strings.TrimSpace(val)
			var body strings.Builder
			for k, v := range attrs {
				if v == "null" {
					continue
				}
				fmt.Fprintf(&body, "  %s = %s\n", k, v)
			}
			cfg := acctest.ProviderConfig(e.Block()) + "resource \"homelab_proxmox_lxc\" \"ct\" {\n" + body.String() + "}\n"
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      cfg,
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

// TestAccLXC_permissionDenied: a token without VM.Allocate gets PVE's 403
// with the provider's explanation, and nothing is created.
func TestAccLXC_permissionDenied(t *testing.T) {
	e := acctest.Proxmox(t, func(c *pveemu.Config) {
		for i := range c.Tokens {
			c.Tokens[i].Privileges = []string{"VM.Audit", "Sys.Audit", "Datastore.Audit"}
		}
	})
	withTemplate(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      lxcConfig(e, `rootfs = { storage = "local-lvm", size = "8G" }`),
			ExpectError: errRe(`HTTP 403.*lacks a privilege`),
		}},
	})
	if err := checkNoGuests(e)(nil); err != nil {
		t.Fatal(err)
	}
}

// TestAccLXC_transientTaskPollFailures: HTTP 500s and a reset connection on
// the task status poll are retried; the apply succeeds.
func TestAccLXC_transientTaskPollFailures(t *testing.T) {
	e := acctest.Proxmox(t, func(c *pveemu.Config) { c.TaskDuration = 300 * time.Millisecond })
	withTemplate(t, e)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				e.FailNext("GET", "/nodes/pve-s1/tasks/", 2, pveemu.FailHTTP500)
			},
			Config: lxcConfig(e, `rootfs = { storage = "local-lvm", size = "8G" }`),
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
				func(*terraform.State) error {
					if n := taskStatusPolls(e); n < 3 {
						return fmt.Errorf("expected the failed polls to be retried, saw %d task status requests", n)
					}
					return nil
				},
			),
		}, {
			PreConfig: func() {
				e.FailNext("GET", "/nodes/pve-s1/tasks/", 1, pveemu.FailReset)
				e.FailNext("GET", "/nodes/pve-s1/tasks/", 1, pveemu.FailHTTP500)
			},
			Config: lxcConfig(e, `rootfs = { storage = "local-lvm", size = "9G" }`),
			Check:  checkConfig(e, "lxc", "pve-s1", 1005, "rootfs", "size=9G"),
		}},
	})
}

func taskStatusPolls(e *acctest.ProxmoxEmulator) int {
	n := 0
	for k, v := range e.Counters() {
		if strings.HasPrefix(k, "GET /nodes/{node}/tasks/") && strings.HasSuffix(k, "/status") {
			n += v
		}
	}
	return n
}

// TestAccLXC_missingTemplate: PVE refuses a template that is not on the
// storage; the diagnostic names it and nothing is created.
func TestAccLXC_missingTemplate(t *testing.T) {
	e := acctest.Proxmox(t) // no template downloaded
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      lxcConfig(e, `rootfs = { storage = "local-lvm", size = "8G" }`),
			ExpectError: errRe(`Creating the container failed.*` + regexp.QuoteMeta(tmplFile)),
		}},
	})
	if err := checkNoGuests(e)(nil); err != nil {
		t.Fatal(err)
	}
}

// TestAccLXC_parallelAutoVMID: 10 containers without vmid, created in
// parallel, get 10 distinct ids.
func TestAccLXC_parallelAutoVMID(t *testing.T) {
	e := acctest.Proxmox(t, func(c *pveemu.Config) { c.TaskDuration = 200 * time.Millisecond })
	withTemplate(t, e)
	cfg := acctest.ProviderConfig(e.Block()) + `
resource "homelab_proxmox_lxc" "runner" {
  count      = 10
  node       = "pve-s1"
  hostname   = "runner${count.index}"
  ostemplate = "` + ostemplate + `"
  started    = false
  rootfs     = { storage = "local-lvm", size = "2G" }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check: func(s *terraform.State) error {
				seen := map[string]bool{}
				for name, rs := range s.RootModule().Resources {
					if !strings.HasPrefix(name, "homelab_proxmox_lxc.runner") {
						continue
					}
					id := rs.Primary.Attributes["vmid"]
					if seen[id] {
						return fmt.Errorf("vmid %s given twice", id)
					}
					seen[id] = true
				}
				if len(seen) != 10 {
					return fmt.Errorf("want 10 containers, state has %d", len(seen))
				}
				list, err := clusterGuests(e)
				if err != nil {
					return err
				}
				if len(list) != 10 {
					return fmt.Errorf("want 10 guests on the emulator, found %d", len(list))
				}
				return nil
			},
		}},
	})
}

// TestAccLXC_ticketAuth: username/password login; the ticket expires during
// the apply and is renewed transparently.
func TestAccLXC_ticketAuth(t *testing.T) {
	e := acctest.Proxmox(t, func(c *pveemu.Config) {
		c.TicketLifetime = 2 * time.Second
		c.TaskDuration = 1200 * time.Millisecond
	})
	withTemplate(t, e)
	cfg := acctest.ProviderConfig(e.PasswordBlock()) + `
resource "homelab_proxmox_lxc" "ct" {
  node       = "pve-s1"
  hostname   = "ct01006"
  ostemplate = "` + ostemplate + `"
  rootfs     = { storage = "local-lvm", size = "8G" }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{{
			Config: cfg,
			Check:  resource.TestCheckResourceAttr(lxcAddr, "started", "true"),
		}},
	})
}

// TestAccLXC_twentyGuestsApply measures the apply of 20 containers spread
// over the three nodes, each task taking 1 s on the emulator (create + start
// = 40 tasks), with 5 ms of latency per request. The duration is logged; the
// test fails only when it is far beyond what the waiter should need.
func TestAccLXC_twentyGuestsApply(t *testing.T) {
	e := acctest.Proxmox(t, func(c *pveemu.Config) {
		c.TaskDuration = time.Second
		c.Latency = 5 * time.Millisecond
	})
	withTemplate(t, e, "pve-s1", "pve-s2", "pve-s3")
	cfg := acctest.ProviderConfig(e.Block()) + `
locals { nodes = ["pve-s1", "pve-s2", "pve-s3"] }
resource "homelab_proxmox_lxc" "guest" {
  count      = 20
  node       = local.nodes[count.index % 3]
  hostname   = "guest${count.index}"
  ostemplate = "` + ostemplate + `"
  rootfs     = { storage = "local-lvm", size = "4G" }
  network    = [{ name = "eth0", bridge = "vmbr0", ip = "dhcp" }]
}
`
	var start time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		CheckDestroy:             checkNoGuests(e),
		Steps: []resource.TestStep{{
			PreConfig: func() { start = time.Now(); e.ResetCounters() },
			Config:    cfg,
			Check: func(*terraform.State) error {
				d := time.Since(start)
				polls := taskStatusPolls(e)
				t.Logf("20-guest apply (40 tasks of 1 s, parallelism 10): %s, %d task status polls", d.Round(10*time.Millisecond), polls)
				if d > 30*time.Second {
					return fmt.Errorf("20-guest apply took %s", d)
				}
				return nil
			},
		}},
	})
}
