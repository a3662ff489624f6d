package routeros_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io/fs"
	"math/big"
	"net"
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
)

// testCA signs test leaf certificates.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  string
}

func newTestCA(t *testing.T, cn string) testCA {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return testCA{cert: c, key: key, pem: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))}
}

// leaf issues a server certificate for 127.0.0.1 valid from nb to na; it
// returns the certificate PEM, its key PEM and its fingerprint.
func (ca testCA) leaf(t *testing.T, cn string, nb, na time.Time) (certPEM, keyPEM, fp string) {
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
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd})), hex.EncodeToString(sum[:])
}

func certConfig(e *acctest.RouterOSEmulator, certPEM, caPEM string) string {
	return acctest.ProviderConfig(e.Block()) + fmt.Sprintf(`
variable "key" {
  type      = string
  sensitive = true
}

resource "homelab_routeros_certificate" "test" {
  name            = "api"
  certificate_pem = %q
  private_key_pem = var.key
}

resource "homelab_routeros_certificate" "ca" {
  name            = "lab-ca"
  certificate_pem = %q
  trusted         = true
}

resource "homelab_routeros_ip_service" "api_ssl" {
  name        = "api-ssl"
  certificate = homelab_routeros_certificate.test.name
}
`, certPEM, caPEM)
}

// emuHas checks the emulator's /certificate row name (and api-ssl's binding).
func emuHas(e *acctest.RouterOSEmulator, name string, want map[string]string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		rows, err := e.Run("/certificate/print", "?name="+name)
		if err != nil {
			return err
		}
		if len(rows) != 1 {
			return fmt.Errorf("%d /certificate rows named %s", len(rows), name)
		}
		if err := hasValues(rows[0], want); err != nil {
			return err
		}
		all, _ := e.Run("/certificate/print")
		for _, r := range all {
			if strings.Contains(r["name"], ".homelab-new") {
				return fmt.Errorf("temporary certificate left: %v", r)
			}
		}
		if files, _ := e.Run("/file/print"); len(files) != 0 {
			return fmt.Errorf("temporary files left on the router: %v", files)
		}
		svc, err := e.Run("/ip/service/print", "?name=api-ssl")
		if err != nil || len(svc) != 1 || svc[0]["certificate"] != name {
			return fmt.Errorf("api-ssl is bound to %v (%v), want %s", svc, err, name)
		}
		return nil
	}
}

// TestAccRouterOSCertificate: the lifecycle of homelab_routeros_certificate,
// bound to api-ssl, with a trust-only CA next to it: create, empty plan, a
// new certificate installed in place (api-ssl stays bound to the name),
// refresh, import by name and by .id with ImportStateVerify (nothing ignored:
// the key is write-only, so in neither state), an import block that plans
// nothing but the import, an out-of-band delete recreated, destroy checked
// on the emulator. The key goes through a sensitive variable with TF_LOG=trace:
// it is in no log line and no state file.
func TestAccRouterOSCertificate(t *testing.T) {
	e := acctest.RouterOS(t)
	ca := newTestCA(t, "lab root")
	now := time.Now()
	cert1, key1, fp1 := ca.leaf(t, "router.lab", now.Add(-time.Hour), now.Add(12*time.Hour))
	cert2, key2, fp2 := ca.leaf(t, "router.lab", now.Add(-time.Hour), now.Add(20*time.Hour))
	logFile := filepath.Join(t.TempDir(), "tf.log")
	t.Setenv("TF_LOG", "trace")
	t.Setenv("TF_LOG_PATH", logFile)
	workDirs := t.TempDir()
	t.Setenv("TF_ACC_TEMP_DIR", workDirs)
	t.Setenv("TF_VAR_key", key1)
	name := "homelab_routeros_certificate.test"
	var id string
	// statesLack fails when a state file holds a key, or none holds the certificate.
	statesLack := func(*terraform.State) error {
		states := 0
		err := filepath.WalkDir(workDirs, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(d.Name(), ".tfstate") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.Contains(string(b), "homelab_routeros_certificate") {
				states++
			}
			for _, k := range []string{key1, key2} {
				if strings.Contains(string(b), secretLine(k)) {
					return fmt.Errorf("a private key is in the state file %s", p)
				}
			}
			return nil
		})
		if err == nil && states == 0 {
			err = fmt.Errorf("no state file under %s holds the certificate: the test proves nothing", workDirs)
		}
		return err
	}
	c1, c2 := certConfig(e, cert1, ca.pem), certConfig(e, cert2, ca.pem)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: c1,
				Check: resource.ComposeAggregateTestCheckFunc(
					emuHas(e, "api", map[string]string{"fingerprint": fp1, "private-key": "true", "common-name": "router.lab"}),
					resource.TestCheckResourceAttr(name, "fingerprint", fp1),
					resource.TestCheckResourceAttr(name, "private_key", "true"),
					resource.TestCheckResourceAttr(name, "subject_alt_names.1", "IP:127.0.0.1"),
					resource.TestCheckNoResourceAttr(name, "private_key_pem"),
					resource.TestCheckResourceAttr("homelab_routeros_certificate.ca", "private_key", "false"),
					statesLack,
					func(*terraform.State) error {
						rows, err := e.Run("/certificate/print", "?name=lab-ca")
						if err != nil || len(rows) != 1 || rows[0]["private-key"] != "false" || rows[0]["trusted"] != "true" {
							return fmt.Errorf("trust-only CA on the emulator: %v %v", rows, err)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() { t.Setenv("TF_VAR_key", key2) },
				Config:    c2,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("homelab_routeros_ip_service.api_ssl", plancheck.ResourceActionNoop)}},
				Check: resource.ComposeAggregateTestCheckFunc(
					emuHas(e, "api", map[string]string{"fingerprint": fp2, "private-key": "true"}),
					resource.TestCheckResourceAttr(name, "fingerprint", fp2),
					statesLack,
					func(s *terraform.State) error {
						rows, _ := e.Run("/certificate/print", "?name=api")
						id = rows[0][".id"]
						return nil
					},
				),
			},
			{RefreshState: true},
			{Config: c2, ResourceName: name, ImportState: true, ImportStateVerify: true},
			{Config: c2, ResourceName: name, ImportState: true, ImportStateVerify: true, ImportStateIdFunc: func(*terraform.State) (string, error) { return id, nil }},
			{Config: c2, ResourceName: name, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			{
				PreConfig: func() {
					if _, err := e.Run("/certificate/remove", "=numbers=api"); err != nil {
						t.Fatalf("out-of-band remove: %v", err)
					}
				},
				Config: c2,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(name, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("homelab_routeros_ip_service.api_ssl", plancheck.ResourceActionUpdate)}},
				Check: emuHas(e, "api", map[string]string{"fingerprint": fp2, "private-key": "true"}),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			rows, err := e.Run("/certificate/print")
			if err != nil {
				return err
			}
			if len(rows) != 0 {
				return fmt.Errorf("certificates left after destroy: %v", rows)
			}
			return nil
		},
	})
	// The keys: in no log line, in no state file; the log and the states must exist.
	log, err := os.ReadFile(logFile)
	if err != nil || !strings.Contains(string(log), "RouterOS command") {
		t.Fatalf("no provider trace log (%v)", err)
	}
	for _, k := range []string{key1, key2} {
		if strings.Contains(string(log), secretLine(k)) {
			t.Error("a private key is in the TF_LOG=trace log")
		}
	}
	if !regexp.MustCompile(`=contents=<redacted>`).Match(log) {
		t.Error("no redacted /file contents in the log: the test proves nothing")
	}
}

// secretLine is a base64 line of a PEM key: what a leak would show.
func secretLine(k string) string { return strings.Split(k, "\n")[1] }

// TestAccRouterOSCertificateBadInput: refused at plan time, before anything
// reaches the router.
func TestAccRouterOSCertificateBadInput(t *testing.T) {
	e := acctest.RouterOS(t)
	ca := newTestCA(t, "lab root")
	now := time.Now()
	cert, _, _ := ca.leaf(t, "router.lab", now.Add(-time.Hour), now.Add(time.Hour))
	_, otherKey, _ := ca.leaf(t, "other.lab", now.Add(-time.Hour), now.Add(time.Hour))
	expired, expiredKey, _ := ca.leaf(t, "router.lab", now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	cfg := func(certPEM, keyPEM string) string {
		key := "null"
		if keyPEM != "" {
			key = fmt.Sprintf("%q", keyPEM)
		}
		return acctest.ProviderConfig(e.Block()) + fmt.Sprintf(`
resource "homelab_routeros_certificate" "bad" {
  name            = "bad"
  certificate_pem = %q
  private_key_pem = %s
}
`, certPEM, key)
	}
	var steps []resource.TestStep
	for _, c := range []struct{ cert, key, want string }{
		{"hello", "", "Not a certificate"},
		{otherKey, "", "Not a certificate"},
		{expired, expiredKey, "Expired certificate"},
		{cert, otherKey, "Key does not match the certificate"},
		{cert, "not a key", "Not a private key"},
	} {
		steps = append(steps, resource.TestStep{Config: cfg(c.cert, c.key), PlanOnly: true, ExpectError: regexp.MustCompile(c.want)})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories, Steps: steps})
	if rows, _ := e.Run("/certificate/print"); len(rows) != 0 {
		t.Fatalf("bad input reached the router: %v", rows)
	}
}
