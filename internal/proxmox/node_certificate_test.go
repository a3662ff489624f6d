package proxmox_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io/fs"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// certCA signs the test leaf certificates of the node.
type certCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  string
}

func newCertCA(t *testing.T) certCA {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: "lab root"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return certCA{cert: c, key: key, pem: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))}
}

// leaf issues a server certificate for 127.0.0.1 and cn valid from nb to
// na; it returns the certificate PEM, its key PEM and PVE's fingerprint.
func (ca certCA) leaf(t *testing.T, cn string, nb, na time.Time) (certPEM, keyPEM, fp string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: nb, NotAfter: na, DNSNames: []string{cn}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalPKCS8PrivateKey(key)
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd})), strings.Join(parts, ":")
}

// certBlock is the proxmox block trusting the emulator's own CA and extra
// (the test CA), so the provider verifies the node before and after.
func certBlock(e *acctest.ProxmoxEmulator, extra string) string {
	return fmt.Sprintf("  proxmox {\n    endpoint = %q\n    api_token = %q\n    ca_certificate = %q\n  }",
		e.URL(), e.TokenID+"="+e.TokenSecret, string(e.CACertPEM())+extra)
}

func nodeCertConfig(e *acctest.ProxmoxEmulator, caPEM, certPEM string) string {
	return acctest.ProviderConfig(certBlock(e, caPEM)) + fmt.Sprintf(`
variable "key" {
  type      = string
  sensitive = true
}

resource "homelab_proxmox_node_certificate" "s1" {
  node            = "pve-s1"
  certificate_pem = %q
  private_key_pem = var.key
}
`, certPEM)
}

// emuCustomCert is the custom certificate in the emulator's
// certificates/info of node (nil when there is none).
func emuCustomCert(e *acctest.ProxmoxEmulator, node string) (map[string]any, error) {
	raw, err := e.Call("GET", "/nodes/"+node+"/certificates/info", nil)
	if err != nil {
		return nil, err
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	for _, c := range list {
		if c["filename"] == "pveproxy-ssl.pem" {
			return c, nil
		}
	}
	return nil, nil
}

// emuServes checks the custom certificate of pve-s1 on the emulator and
// that its listener serves it (fp "" means: none, the self-signed pve-ssl).
func emuServes(e *acctest.ProxmoxEmulator, fp string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, err := emuCustomCert(e, "pve-s1")
		if err != nil {
			return err
		}
		served := e.ServedCertificate()
		if fp == "" {
			if c != nil {
				return fmt.Errorf("custom certificate left on pve-s1: %v", c["subject"])
			}
			if served == nil || served.Subject.CommonName != "pve-s1" {
				return fmt.Errorf("the emulator serves %v, not pve-s1's pve-ssl", served)
			}
			return nil
		}
		if c == nil || c["fingerprint"] != fp {
			return fmt.Errorf("pve-s1's custom certificate is %v, want %s", c, fp)
		}
		if served == nil || !strings.Contains(fmt.Sprint(served.IPAddresses), "127.0.0.1") || served.Subject.CommonName != "pve-s1.lab" {
			return fmt.Errorf("the emulator serves %v", served)
		}
		return nil
	}
}

// statesLackKeys fails when a state file under dir holds one of keys, or no
// state file holds the resource (the check would prove nothing).
func statesLackKeys(dir, resourceType string, keys ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		states := 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(d.Name(), ".tfstate") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(b), resourceType) {
				states++
			}
			for _, k := range keys {
				if strings.Contains(string(b), keyLine(k)) {
					return fmt.Errorf("a private key is in the state file %s", p)
				}
			}
			return nil
		})
		if err == nil && states == 0 {
			err = fmt.Errorf("no state file under %s holds %s: the test proves nothing", dir, resourceType)
		}
		return err
	}
}

// keyLine is a base64 line of a PEM key: what a leak would show.
func keyLine(k string) string { return strings.Split(k, "\n")[1] }

// TestAccProxmoxNodeCertificate: the lifecycle of
// homelab_proxmox_node_certificate on the endpoint node: create (served at
// once), empty plan, a new certificate uploaded in place, refresh, import
// by node name with ImportStateVerify and as an import block planning
// nothing else, a certificate replaced out of band put back, an out-of-band
// delete recreated, destroy back to pve-ssl; with TF_LOG=trace, the key in
// no log line and no state file.
func TestAccProxmoxNodeCertificate(t *testing.T) {
	e := acctest.Proxmox(t)
	ca := newCertCA(t)
	now := time.Now()
	cert1, key1, fp1 := ca.leaf(t, "pve-s1.lab", now.Add(-time.Hour), now.Add(12*time.Hour))
	cert2, key2, fp2 := ca.leaf(t, "pve-s1.lab", now.Add(-time.Hour), now.Add(20*time.Hour))
	cert3, key3, fp3 := ca.leaf(t, "pve-s1.lab", now.Add(-time.Hour), now.Add(22*time.Hour))
	logFile := filepath.Join(t.TempDir(), "tf.log")
	t.Setenv("TF_LOG", "trace")
	t.Setenv("TF_LOG_PATH", logFile)
	workDirs := t.TempDir()
	t.Setenv("TF_ACC_TEMP_DIR", workDirs)
	t.Setenv("TF_VAR_key", key1)
	name := "homelab_proxmox_node_certificate.s1"
	noKeys := statesLackKeys(workDirs, "homelab_proxmox_node_certificate", key1, key2, key3)
	c1, c2 := nodeCertConfig(e, ca.pem, cert1), nodeCertConfig(e, ca.pem, cert2)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: c1,
				Check: resource.ComposeAggregateTestCheckFunc(
					emuServes(e, fp1),
					resource.TestCheckResourceAttr(name, "id", "pve-s1"),
					resource.TestCheckResourceAttr(name, "fingerprint", fp1),
					resource.TestCheckResourceAttr(name, "subject", "/CN=pve-s1.lab"),
					resource.TestCheckResourceAttr(name, "issuer", "/CN=lab root"),
					resource.TestCheckResourceAttr(name, "subject_alternative_names.#", "2"),
					resource.TestCheckResourceAttr(name, "subject_alternative_names.0", "pve-s1.lab"),
					resource.TestCheckResourceAttr(name, "subject_alternative_names.1", "127.0.0.1"),
					resource.TestCheckResourceAttr(name, "restart", "true"),
					resource.TestCheckNoResourceAttr(name, "private_key_pem"),
					noKeys,
				),
			},
			{Config: c1, PlanOnly: true},
			{
				PreConfig: func() { t.Setenv("TF_VAR_key", key2) },
				Config:    c2,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(name, tfjsonpath.New("fingerprint"), knownvalue.StringExact(fp2)),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(emuServes(e, fp2), resource.TestCheckResourceAttr(name, "fingerprint", fp2), noKeys),
			},
			{RefreshState: true},
			{Config: c2, ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateId: "pve-s1",
				ImportStateVerifyIgnore: []string{"private_key_pem"}},
			{Config: c2, ResourceName: name, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: "pve-s1"},
			{
				// Someone uploads another certificate through the API.
				PreConfig: func() {
					if _, err := e.Call("POST", "/nodes/pve-s1/certificates/custom", map[string]string{
						"certificates": cert3, "key": key3, "force": "1", "restart": "1"}); err != nil {
						t.Fatalf("out-of-band upload: %v", err)
					}
					if c, _ := emuCustomCert(e, "pve-s1"); c == nil || c["fingerprint"] != fp3 {
						t.Fatalf("out-of-band upload not on the emulator: %v", c)
					}
				},
				Config: c2,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)}},
				Check: emuServes(e, fp2),
			},
			{
				PreConfig: func() {
					if _, err := e.Call("DELETE", "/nodes/pve-s1/certificates/custom", map[string]string{"restart": "1"}); err != nil {
						t.Fatalf("out-of-band delete: %v", err)
					}
				},
				Config: c2,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionCreate)}},
				Check: resource.ComposeAggregateTestCheckFunc(emuServes(e, fp2), noKeys),
			},
		},
		CheckDestroy: emuServes(e, ""),
	})
	log, err := os.ReadFile(logFile)
	if err != nil || !strings.Contains(string(log), "homelab_proxmox_node_certificate") {
		t.Fatalf("no provider trace log (%v)", err)
	}
	for _, k := range []string{key1, key2, key3} {
		if strings.Contains(string(log), keyLine(k)) {
			t.Error("a private key is in the TF_LOG=trace log")
		}
	}
}

// TestAccProxmoxNodeCertificateBadInput: refused at plan time, naming the
// attribute, before anything reaches PVE; and a create over a custom
// certificate the node already has is refused with the import to use.
func TestAccProxmoxNodeCertificateBadInput(t *testing.T) {
	e := acctest.Proxmox(t)
	ca := newCertCA(t)
	now := time.Now()
	cert, key, _ := ca.leaf(t, "pve-s2.lab", now.Add(-time.Hour), now.Add(time.Hour))
	_, otherKey, _ := ca.leaf(t, "other.lab", now.Add(-time.Hour), now.Add(time.Hour))
	expired, expiredKey, _ := ca.leaf(t, "pve-s2.lab", now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	cfg := func(node, certPEM, keyPEM string) string {
		return acctest.ProviderConfig(certBlock(e, ca.pem)) + fmt.Sprintf(`
resource "homelab_proxmox_node_certificate" "bad" {
  node            = %q
  certificate_pem = %q
  private_key_pem = %q
}
`, node, certPEM, keyPEM)
	}
	var steps []resource.TestStep
	var uploaded map[string]any
	for _, c := range []struct{ cert, key, want string }{
		{"hello", key, `Not a certificate.*certificate_pem`},
		{key, key, `Not a certificate`},
		{expired, expiredKey, `Expired certificate`},
		{cert, otherKey, `Key does not match the certificate.*private_key_pem is not the private key`},
		{cert, "not a key", `Not a private key`},
	} {
		steps = append(steps, resource.TestStep{Config: cfg("pve-s2", c.cert, c.key), PlanOnly: true, ExpectError: errRe(c.want)})
	}
	steps = append(steps,
		resource.TestStep{
			PreConfig: func() {
				// The plan-time refusals sent nothing: pve-s2 has no custom certificate yet.
				if c, err := emuCustomCert(e, "pve-s2"); err != nil || c != nil {
					t.Fatalf("bad input reached PVE: %v %v", c, err)
				}
				if _, err := e.Call("POST", "/nodes/pve-s2/certificates/custom", map[string]string{"certificates": cert, "key": key}); err != nil {
					t.Fatalf("out-of-band upload: %v", err)
				}
				uploaded, _ = emuCustomCert(e, "pve-s2")
			},
			Config:      cfg("pve-s2", cert, key),
			ExpectError: errRe(`already has a custom certificate.*import { to = homelab_proxmox_node_certificate.<name> id = "pve-s2" }`),
		},
		resource.TestStep{Config: acctest.ProviderConfig(certBlock(e, ca.pem))},
	)
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
	// The refused create left the node's own upload as it was.
	if c, err := emuCustomCert(e, "pve-s2"); err != nil || c == nil || uploaded == nil || c["fingerprint"] != uploaded["fingerprint"] {
		t.Fatalf("the refused create changed pve-s2's certificate: %v (uploaded %v, %v)", c, uploaded, err)
	}
}
