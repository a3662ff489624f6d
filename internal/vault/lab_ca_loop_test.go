package vault_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/vault"
)

// The loop of issue #17, "One CA for the whole lab": Vault issues the
// router's and the endpoint node's certificates, the provider installs them
// on both emulators, and a provider that trusts only the lab's root CA then
// talks to both with full verification, hostname included. It lives here
// because the renewal uses this package's injected clock.

// loopLab is the two emulators and the names of one run.
type loopLab struct {
	r        *acctest.RouterOSEmulator
	p        *acctest.ProxmoxEmulator
	v        *acctest.VaultServer
	root     string // mount paths
	inter    string
	domain   string
	node     string // the node whose pveproxy the emulator's listener is
	workDirs string
}

// provider trusts the CAs in TF_VAR_routeros_ca / TF_VAR_proxmox_ca, so a
// step changes them without changing the configuration's text.
func (l loopLab) provider() string {
	return fmt.Sprintf(`variable "routeros_ca" { type = string }
variable "proxmox_ca" { type = string }

provider "homelab" {
%s
  routeros {
    url            = %q
    username       = %q
    password       = %q
    ca_certificate = var.routeros_ca
  }
  proxmox {
    endpoint       = %q
    api_token      = %q
    ca_certificate = var.proxmox_ca
  }
}
`, l.v.Block(), "apis://"+l.r.TLSAddr(), l.r.Username, l.r.Password, l.p.URL(), l.p.TokenID+"="+l.p.TokenSecret)
}

// pki is root -> intermediate -> role -> a leaf for the router and one for
// the node, each with the IP SAN 127.0.0.1 the provider dials.
func (l loopLab) pki() string {
	return fmt.Sprintf(`
resource "homelab_vault_pki_mount" "root" {
  path          = %[1]q
  max_lease_ttl = "87600h"
}

resource "homelab_vault_pki_root_ca" "root" {
  mount       = homelab_vault_pki_mount.root.path
  common_name = "rachuna-net Root CA"
  key_type    = "ec"
  key_bits    = 256
  ttl         = "87600h"
}

resource "homelab_vault_pki_mount" "int" {
  path          = %[2]q
  max_lease_ttl = "43800h"
}

resource "homelab_vault_pki_intermediate_ca" "int" {
  mount             = homelab_vault_pki_mount.int.path
  signer_mount      = homelab_vault_pki_root_ca.root.mount
  signer_issuer_ref = homelab_vault_pki_root_ca.root.issuer_id
  common_name       = "rachuna-net Intermediate CA"
  key_type          = "ec"
  key_bits          = 256
  ttl               = "43800h"
}

resource "homelab_vault_pki_role" "servers" {
  mount            = homelab_vault_pki_intermediate_ca.int.mount
  name             = "servers"
  issuer_ref       = homelab_vault_pki_intermediate_ca.int.issuer_id
  allowed_domains  = [%[3]q]
  allow_subdomains = true
  allow_ip_sans    = true
  max_ttl          = "720h"
  key_type         = "ec"
}

resource "homelab_vault_pki_certificate" "router" {
  mount                 = homelab_vault_pki_role.servers.mount
  role                  = homelab_vault_pki_role.servers.name
  common_name           = "router.%[3]s"
  ip_sans               = ["127.0.0.1"]
  ttl                   = "720h"
  min_seconds_remaining = 604800
}

resource "homelab_vault_pki_certificate" "pve" {
  mount                 = homelab_vault_pki_role.servers.mount
  role                  = homelab_vault_pki_role.servers.name
  common_name           = "%[4]s.%[3]s"
  ip_sans               = ["127.0.0.1"]
  ttl                   = "720h"
  min_seconds_remaining = 604800
}
`, l.root, l.inter, l.domain, l.node)
}

// install puts the leaves on the devices and binds api-ssl.
func (l loopLab) install() string {
	return fmt.Sprintf(`
resource "homelab_routeros_certificate" "api" {
  name            = "router-api"
  certificate_pem = homelab_vault_pki_certificate.router.certificate
  private_key_pem = homelab_vault_pki_certificate.router.private_key
  chain_pem       = join("\n", homelab_vault_pki_certificate.router.ca_chain)
}

resource "homelab_routeros_ip_service" "api_ssl" {
  name        = "api-ssl"
  certificate = homelab_routeros_certificate.api.name
}

resource "homelab_proxmox_node_certificate" "pve" {
  node            = %q
  certificate_pem = homelab_vault_pki_certificate.pve.certificate
  private_key_pem = homelab_vault_pki_certificate.pve.private_key
  chain_pem       = join("\n", homelab_vault_pki_certificate.pve.ca_chain)
}
`, l.node)
}

// reads reads both systems through the provider.
const loopReads = `
data "homelab_routeros_system_resource" "router" {}
data "homelab_proxmox_nodes" "cluster" {}
`

// trust sets the CAs the provider trusts: the lab's root (labCA) and, when
// devices is set, the emulators' own (the devices' self-signed ones).
func (l loopLab) trust(labCA string, devices bool) {
	r, p := labCA, labCA
	if devices {
		r, p = string(l.r.CACertPEM())+labCA, string(l.p.CACertPEM())+labCA
	}
	os.Setenv("TF_VAR_routeros_ca", r)
	os.Setenv("TF_VAR_proxmox_ca", p)
}

// dial is a TLS handshake verified against roots for serverName.
func dial(addr string, roots []byte, serverName string) (*x509.Certificate, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(roots) {
		return nil, errors.New("no roots")
	}
	conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: pool, ServerName: serverName, MinVersion: tls.VersionTLS12})
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.ConnectionState().PeerCertificates[0], nil
}

func (l loopLab) pveAddr() string {
	u, _ := url.Parse(l.p.URL())
	return u.Host
}

// servesLab checks that both devices serve the leaf in state (addr), and
// that only the lab's root verifies them, for 127.0.0.1 and no other name.
func (l loopLab) servesLab(labCA *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, d := range []struct{ name, addr, leaf string }{
			{"router", l.r.TLSAddr(), "homelab_vault_pki_certificate.router"},
			{"pve", l.pveAddr(), "homelab_vault_pki_certificate.pve"},
		} {
			got, err := dial(d.addr, []byte(*labCA), "127.0.0.1")
			if err != nil {
				return fmt.Errorf("%s with only the lab root CA: %v", d.name, err)
			}
			if want := mustAttr(s, d.leaf, "serial_number"); !strings.EqualFold(serialOf(got), want) {
				return fmt.Errorf("%s serves serial %s, the leaf in state is %s", d.name, serialOf(got), want)
			}
			var he x509.HostnameError
			if _, err := dial(d.addr, []byte(*labCA), "localhost"); !errors.As(err, &he) {
				return fmt.Errorf("%s verified for a name not in its SANs (err %v)", d.name, err)
			}
		}
		return nil
	}
}

// serialOf is a serial number as Vault prints it (aa:bb:...).
func serialOf(c *x509.Certificate) string {
	b := c.SerialNumber.Bytes()
	parts := make([]string, len(b))
	for i, x := range b {
		parts[i] = fmt.Sprintf("%02x", x)
	}
	return strings.Join(parts, ":")
}

// keysOnlyInVault checks every state file: the leaves' private keys are in
// the Vault certificates' state (by design) and in no attribute of the
// resources that install them.
func (l loopLab) keysOnlyInVault(s *terraform.State) error {
	keys := []string{keyLine(mustAttr(s, "homelab_vault_pki_certificate.router", "private_key")),
		keyLine(mustAttr(s, "homelab_vault_pki_certificate.pve", "private_key"))}
	found := 0
	err := filepath.WalkDir(l.workDirs, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(d.Name(), ".tfstate") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var st struct {
			Resources []struct {
				Type      string            `json:"type"`
				Instances []json.RawMessage `json:"instances"`
			} `json:"resources"`
		}
		if err := json.Unmarshal(b, &st); err != nil {
			return nil // not a state file
		}
		for _, r := range st.Resources {
			if r.Type != "homelab_routeros_certificate" && r.Type != "homelab_proxmox_node_certificate" {
				continue
			}
			found++
			for _, in := range r.Instances {
				for _, k := range keys {
					if strings.Contains(string(in), k) {
						return fmt.Errorf("%s holds a private key in %s", r.Type, p)
					}
				}
				if !regexp.MustCompile(`"private_key_pem":\s*null`).Match(in) {
					return fmt.Errorf("%s has a private_key_pem in %s", r.Type, p)
				}
			}
		}
		return nil
	})
	if err == nil && found == 0 {
		err = fmt.Errorf("no state file under %s holds the installed certificates: the check proves nothing", l.workDirs)
	}
	return err
}

func keyLine(k string) string {
	lines := strings.Split(strings.TrimSpace(k), "\n")
	if len(lines) < 2 {
		return k
	}
	return lines[1]
}

// selfSigned is the device's own certificate again, verified by its CA.
func (l loopLab) selfSignedAgain(*terraform.State) error {
	if _, err := dial(l.r.TLSAddr(), l.r.CACertPEM(), "127.0.0.1"); err != nil {
		return fmt.Errorf("router after destroy: %v", err)
	}
	got, err := dial(l.pveAddr(), l.p.CACertPEM(), "127.0.0.1")
	if err != nil || got.Subject.CommonName != l.node {
		return fmt.Errorf("pve after destroy serves %v (%v), not %s's pve-ssl", got, err, l.node)
	}
	raw, err := l.p.Call("GET", "/nodes/"+l.node+"/certificates/info", nil)
	if err != nil || strings.Contains(string(raw), "pveproxy-ssl.pem") {
		return fmt.Errorf("custom certificate left on %s: %v", l.node, err)
	}
	if rows, err := l.r.Run("/certificate/print"); err != nil || len(rows) != 0 {
		return fmt.Errorf("certificates left on the router: %v %v", rows, err)
	}
	return nil
}

func expiredCert(t *testing.T) string {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "old"},
		NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-24 * time.Hour), IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// TestAccLabCALoop: bootstrap (Vault PKI first; the lab root alone does not
// verify the devices yet), install on both with the devices' own CAs
// trusted too, then only the lab root CA: the provider reads both systems;
// plan-time refusals of a wrong key, a non-PEM and an expired certificate;
// renewal (the clock moved into the leaves' window): one apply re-issues and
// re-installs both, new fingerprints, the next plan empty; destroy puts the
// self-signed certificates back. The keys are in no installing resource's
// state. Not parallel: it moves the provider's clock.
func TestAccLabCALoop(t *testing.T) {
	l := loopLab{r: acctest.RouterOS(t), p: acctest.Proxmox(t), v: acctest.Vault(t),
		root: uniq("loop-root"), inter: uniq("loop-int"), domain: uniq("lab") + ".rachuna-net.pl", workDirs: t.TempDir()}
	l.node = l.p.EndpointNode()
	t.Setenv("TF_ACC_TEMP_DIR", l.workDirs)
	t.Setenv("TF_VAR_routeros_ca", "")
	t.Setenv("TF_VAR_proxmox_ca", "")
	var offset time.Duration
	restore := vault.SetNowForTest(func() time.Time { return time.Now().Add(offset) })
	defer restore()

	var labCA, routerFP, pveFP string
	full := l.provider() + l.pki() + l.install()
	verified := full + loopReads
	bad := func(res string) string { return verified + res }
	const (
		nodeCert   = "homelab_proxmox_node_certificate.pve"
		routerCert = "homelab_routeros_certificate.api"
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{ // 1. the lab's PKI, the devices still on their own certificates
				PreConfig: func() { l.trust("", true) },
				Config:    l.provider() + l.pki(),
				Check:     capture("homelab_vault_pki_root_ca.root", "certificate", &labCA),
			},
			{ // the lab root alone does not verify the devices yet
				PreConfig:   func() { l.trust(labCA, false) },
				Config:      l.provider() + l.pki() + loopReads,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`certificate\s+signed\s+by\s+unknown\s+authority`),
			},
			{ // 2. install, trusting the devices' own CAs and the lab's
				PreConfig: func() { l.trust(labCA, true) },
				Config:    full,
				Check: resource.ComposeAggregateTestCheckFunc(
					l.servesLab(&labCA),
					capture(routerCert, "fingerprint", &routerFP),
					capture(nodeCert, "fingerprint", &pveFP),
					resource.TestCheckResourceAttr(nodeCert, "subject_alternative_names.#", "2"),
					resource.TestCheckResourceAttr(nodeCert, "subject_alternative_names.0", l.node+"."+l.domain),
					resource.TestCheckResourceAttr(nodeCert, "subject_alternative_names.1", "127.0.0.1"),
					l.keysOnlyInVault,
				),
			},
			{ // 3. only the lab root CA: both systems read, fully verified
				PreConfig: func() { l.trust(labCA, false) },
				Config:    verified,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrSet("data.homelab_routeros_system_resource.router", "version"),
					resource.TestCheckResourceAttr("data.homelab_proxmox_nodes.cluster", "nodes.#", "3"),
					resource.TestCheckResourceAttrPtr(nodeCert, "fingerprint", &pveFP),
				),
			},
			// Bad input, refused at plan time with Vault's own material.
			{Config: bad(`
resource "homelab_proxmox_node_certificate" "wrong_key" {
  node            = "pve-s2"
  certificate_pem = homelab_vault_pki_certificate.pve.certificate
  private_key_pem = homelab_vault_pki_certificate.router.private_key
}
`), PlanOnly: true, ExpectError: regexp.MustCompile(`Key\s+does\s+not\s+match\s+the\s+certificate`)},
			{Config: bad(`
resource "homelab_routeros_certificate" "wrong_key" {
  name            = "wrong"
  certificate_pem = homelab_vault_pki_certificate.router.certificate
  private_key_pem = homelab_vault_pki_certificate.pve.private_key
}
`), PlanOnly: true, ExpectError: regexp.MustCompile(`Key\s+does\s+not\s+match\s+the\s+certificate`)},
			{Config: bad(`
resource "homelab_proxmox_node_certificate" "not_pem" {
  node            = "pve-s2"
  certificate_pem = homelab_vault_pki_certificate.pve.private_key
  private_key_pem = homelab_vault_pki_certificate.pve.private_key
}
`), PlanOnly: true, ExpectError: regexp.MustCompile(`Not\s+a\s+certificate`)},
			{Config: bad(fmt.Sprintf(`
resource "homelab_proxmox_node_certificate" "expired" {
  node            = "pve-s2"
  certificate_pem = %q
  private_key_pem = homelab_vault_pki_certificate.pve.private_key
}
`, expiredCert(t))), PlanOnly: true, ExpectError: regexp.MustCompile(`Expired\s+certificate`)},
			{ // 4. renewal: 24 days on, both leaves are within 7 days of expiry
				PreConfig: func() { offset = 24 * 24 * time.Hour },
				Config:    verified,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("homelab_vault_pki_certificate.router", plancheck.ResourceActionReplace),
					plancheck.ExpectResourceAction("homelab_vault_pki_certificate.pve", plancheck.ResourceActionReplace),
					plancheck.ExpectResourceAction(routerCert, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(nodeCert, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("homelab_routeros_ip_service.api_ssl", plancheck.ResourceActionNoop),
				}},
				// At the moved clock the new leaves are in the window too.
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					changed(routerCert, "fingerprint", &routerFP),
					changed(nodeCert, "fingerprint", &pveFP),
					l.servesLab(&labCA),
					l.keysOnlyInVault,
				),
			},
			{ // back at the real time: nothing to do
				PreConfig:        func() { offset = 0 },
				Config:           verified,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            l.servesLab(&labCA),
			},
			{ // before the destroy, trust the devices' own CAs again: it puts them back
				PreConfig:        func() { l.trust(labCA, true) },
				Config:           verified,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
		CheckDestroy: l.selfSignedAgain,
	})
}
