package proxmox_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	pveemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
)

const pveTwinConfig = `
resource "homelab_proxmox_pool" "lab" {
  pool_id = "lab"
  comment = "twin"
}
resource "homelab_proxmox_lxc" "dns" {
  node       = "pve-s2"
  vmid       = 1105
  hostname   = "dns"
  ostemplate = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"
  password   = "twin-Secret-9"
  rootfs     = { storage = "local-lvm", size = "4G" }
  network    = [{ name = "eth0", bridge = "vmbr0", ip = "10.10.10.53/24", gw = "10.10.10.1" }]
  pool       = homelab_proxmox_pool.lab.pool_id
  description = "resolver"
}
resource "homelab_proxmox_vm" "web" {
  node    = "pve-s3"
  vmid    = 2105
  name    = "web"
  memory  = 1024
  started = false
  disk    = [{ slot = "scsi0", storage = "local-lvm", size = "8G" }]
  network = [{ model = "virtio", bridge = homelab_proxmox_node_network.lab.iface }]
  tags    = ["web", "twin"]
}
resource "homelab_proxmox_node_network" "lab" {
  node              = "pve-s3"
  iface             = "vmbr1"
  type              = "bridge"
  bridge_ports      = ["eno2"]
  bridge_vlan_aware = true
}
resource "homelab_proxmox_ha_resource" "dns" {
  sid         = "ct:${homelab_proxmox_lxc.dns.vmid}"
  max_restart = 2
}
resource "homelab_proxmox_ha_rule" "dns" {
  rule      = "dns-on-s2"
  type      = "node-affinity"
  resources = [homelab_proxmox_ha_resource.dns.sid]
  nodes     = { "pve-s2" = 2, "pve-s3" = 1 }
}
resource "homelab_proxmox_backup_job" "nightly" {
  job_id   = "nightly"
  schedule = "02:00"
  storage  = "nas"
  pool     = homelab_proxmox_pool.lab.pool_id
}
resource "homelab_proxmox_backup_job" "generated" {
  schedule = "sun 03:00"
  vmids    = [homelab_proxmox_vm.web.vmid]
}
`

// A snapshot of a cluster (here an emulator standing in for it) loaded into
// a second emulator at the same address is its twin: the first one's state
// plans empty against it, and a change applies to it as to the cluster. No
// secret is in the snapshot.
func TestAccSnapshotTwinProxmox(t *testing.T) {
	certPEM, keyPEM := twinCert(t) // both emulators serve it, so the provider's CA fits both
	real := acctest.Proxmox(t, func(c *pveemu.Config) { c.CertPEM, c.KeyPEM = certPEM, keyPEM })
	cfg := acctest.ProviderConfig(real.Block()) + pveTwinConfig
	var snap *pveemu.Snapshot
	var twin *acctest.ProxmoxEmulator
	get := func(e *acctest.ProxmoxEmulator) pveemu.Getter {
		return func(p string, q map[string]string) (json.RawMessage, error) { return e.Call("GET", p, q) }
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: func() {
					var err error
					if snap, err = pveemu.TakeSnapshot(get(real)); err != nil {
						t.Fatal(err)
					}
					b, _ := json.MarshalIndent(snap, "", "  ")
					for _, secret := range []string{"twin-Secret-9", real.TokenSecret} {
						if strings.Contains(string(b), secret) {
							t.Fatalf("the snapshot holds a secret (%.4s...)", secret)
						}
					}
					file := filepath.Join(t.TempDir(), "pve.json")
					if err := os.WriteFile(file, b, 0o600); err != nil {
						t.Fatal(err)
					}
					addr := strings.TrimPrefix(real.URL(), "https://")
					_ = real.Close()
					twin = acctest.Proxmox(t, func(c *pveemu.Config) {
						c.StateFile, c.Addr, c.CertPEM, c.KeyPEM = file, addr, certPEM, keyPEM
					})
				},
				Config: cfg, PlanOnly: true,
			},
			{ // the twin answers the snapshot's reads as the cluster did
				PreConfig: func() {
					again, err := pveemu.TakeSnapshot(get(twin))
					if err != nil {
						t.Fatal(err)
					}
					a, _ := json.Marshal(snap)
					b, _ := json.Marshal(again)
					if !reflect.DeepEqual(a, b) {
						t.Errorf("a snapshot of the twin differs:\n twin %s\n real %s", b, a)
					}
				},
				Config: cfg, PlanOnly: true,
			},
			{ // a change applies to the twin: memory updated in place, a new guest
				Config: strings.Replace(cfg, "memory  = 1024", "memory  = 2048", 1) + `
resource "homelab_proxmox_lxc" "extra" {
  node       = "pve-s1"
  hostname   = "extra"
  ostemplate = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst"
  rootfs     = { storage = "local-lvm", size = "2G" }
  started    = false
}
`,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("homelab_proxmox_vm.web", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("homelab_proxmox_lxc.extra", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("homelab_proxmox_lxc.dns", plancheck.ResourceActionNoop),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					// the twin's VMIDs continue after the cluster's lowest free one
					resource.TestCheckResourceAttr("homelab_proxmox_lxc.extra", "vmid", "100"),
					resource.TestCheckResourceAttr("homelab_proxmox_vm.web", "memory", "2048"),
				),
			},
		},
	})
}

// twinCert is a self-signed certificate for 127.0.0.1, the CA of itself.
func twinCert(t *testing.T) (certPEM, keyPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "pve twin"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true,
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder})
}
