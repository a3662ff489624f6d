package proxmox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"
)

// testLeaf is a CA-signed server certificate for 127.0.0.1 and node.lab.
type testLeaf struct {
	ca, cert, key string
	der           []byte
}

func newTestLeaf(t *testing.T) testLeaf {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "lab root"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, _ := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	caCert, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "node.lab", Organization: []string{"Lab"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"node.lab"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.ParseIP("fd00::1")},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, _ := x509.CreateCertificate(rand.Reader, tmpl, caCert, &key.PublicKey, caKey)
	kd, _ := x509.MarshalPKCS8PrivateKey(key)
	return testLeaf{
		ca:   string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})),
		cert: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		key:  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd})),
		der:  der,
	}
}

// handshake dials the emulator anew and returns the leaf it presents,
// verified against roots (PEM) with the host 127.0.0.1.
func handshake(t *testing.T, s *Server, roots string) (*x509.Certificate, error) {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM([]byte(roots))
	u, _ := url.Parse(s.URL())
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"})
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.ConnectionState().PeerCertificates[0], nil
}

type certInfo struct {
	Filename, Fingerprint, Subject, Issuer, Pem string
	NotAfter                                    int64    `json:"notafter"`
	San                                         []string `json:"san"`
	KeyType                                     string   `json:"public-key-type"`
	KeyBits                                     int      `json:"public-key-bits"`
}

// The info list: root CA and pve-ssl as pve-cluster makes them, plus the
// custom certificate once uploaded, with PVE's field formats.
func TestCertificatesInfo(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	var list []certInfo
	c.ok("GET", "/nodes/pve-s2/certificates/info", nil, &list)
	if len(list) != 2 || list[0].Filename != "pve-root-ca.pem" || list[1].Filename != "pve-ssl.pem" {
		t.Fatalf("info: %+v", list)
	}
	if !strings.HasPrefix(list[0].Subject, "/CN=Proxmox Virtual Environment/OU=") || !strings.HasSuffix(list[0].Subject, "/O=PVE Cluster Manager CA") {
		t.Errorf("root CA subject %q", list[0].Subject)
	}
	if list[1].Subject != "/OU=PVE Cluster Node/O=Proxmox Virtual Environment/CN=pve-s2" || list[1].Issuer != list[0].Subject {
		t.Errorf("pve-ssl subject %q issuer %q", list[1].Subject, list[1].Issuer)
	}
	if want := []string{"localhost", "pve-s2", "127.0.0.1", "0000:0000:0000:0000:0000:0000:0000:0001"}; strings.Join(list[1].San, ",") != strings.Join(want, ",") {
		t.Errorf("pve-ssl san %v", list[1].San)
	}

	leaf := newTestLeaf(t)
	var up certInfo
	c.ok("POST", "/nodes/pve-s2/certificates/custom", map[string]string{"certificates": "leading text\n" + leaf.cert + leaf.ca, "key": leaf.key}, &up)
	sum := sha256.Sum256(leaf.der)
	var fp []string
	for _, x := range sum {
		fp = append(fp, fmt.Sprintf("%02X", x))
	}
	if up.Fingerprint != strings.Join(fp, ":") {
		t.Errorf("fingerprint %q", up.Fingerprint)
	}
	if up.Filename != "pveproxy-ssl.pem" || up.Subject != "/O=Lab/CN=node.lab" || up.Issuer != "/CN=lab root" ||
		strings.Join(up.San, ",") != "node.lab,127.0.0.1,fd00:0000:0000:0000:0000:0000:0000:0001" ||
		up.KeyType != "id-ecPublicKey" || up.KeyBits != 256 || up.Pem != leaf.cert {
		t.Errorf("upload answer %+v", up)
	}
	c.ok("GET", "/nodes/pve-s2/certificates/info", nil, &list)
	if len(list) != 3 || list[2].Fingerprint != up.Fingerprint {
		t.Fatalf("info after upload: %+v", list)
	}
	c.ok("DELETE", "/nodes/pve-s2/certificates/custom", nil, nil)
	c.ok("GET", "/nodes/pve-s2/certificates/info", nil, &list)
	if len(list) != 2 {
		t.Fatalf("info after delete: %+v", list)
	}
	// Deleting nothing is fine (unlink of missing files).
	c.ok("DELETE", "/nodes/pve-s2/certificates/custom", nil, nil)
}

// PVE's refusals, with its wording, and nothing changed by them.
func TestCertificatesUploadRefusals(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	leaf, other := newTestLeaf(t), newTestLeaf(t)
	p := "/nodes/pve-s1/certificates/custom"
	c.fails("POST", p, map[string]string{"certificates": "hello"}, 400, "not a valid PEM-formatted string.")
	c.fails("POST", p, map[string]string{"certificates": leaf.key, "key": leaf.key}, 400, "not a valid PEM-formatted string.")
	c.fails("POST", p, map[string]string{"certificates": leaf.cert, "key": "nope"}, 400, "not a valid PEM-formatted string.")
	r := c.fails("POST", p, map[string]string{"certificates": leaf.cert}, 400, "Parameter verification failed.")
	if r.Errors["key"] != "Attempted to upload custom certificate without (existing) key." {
		t.Errorf("errors %v", r.Errors)
	}
	c.fails("POST", p, map[string]string{"certificates": leaf.cert, "key": other.key}, 500,
		"Setting certificate files failed - ")
	r = c.fails("POST", p, map[string]string{"certificates": leaf.cert, "key": other.key}, 500, "key does not match the certificate (chain)")
	var list []certInfo
	c.ok("GET", "/nodes/pve-s1/certificates/info", nil, &list)
	if len(list) != 2 {
		t.Fatalf("a refused upload left files: %+v", list)
	}
	c.ok("POST", p, map[string]string{"certificates": leaf.cert, "key": leaf.key}, nil)
	r = c.fails("POST", p, map[string]string{"certificates": other.cert, "key": other.key}, 500, "Custom certificate file exists but force flag is not set.")
	if r.Message != "Custom certificate file exists but force flag is not set.\n\n" {
		t.Errorf("message %q", r.Message)
	}
	// A failed forced upload restores the old files.
	c.fails("POST", p, map[string]string{"certificates": other.cert, "key": leaf.key, "force": "1"}, 500, "key does not match")
	c.ok("GET", "/nodes/pve-s1/certificates/info", nil, &list)
	if len(list) != 3 || list[2].Pem != leaf.cert {
		t.Fatalf("old custom certificate not restored: %+v", list)
	}
	// force with only the certificate reuses the existing key.
	c.fails("POST", p, map[string]string{"certificates": other.cert, "force": "1"}, 500, "key does not match")
	c.ok("POST", p, map[string]string{"certificates": leaf.cert, "force": "1"}, nil)
	c.fails("POST", "/nodes/pve-s9/certificates/custom", map[string]string{"certificates": leaf.cert, "key": leaf.key}, 500, "hostname lookup 'pve-s9' failed")
}

// The listener is pveproxy of the endpoint node: it serves the custom
// certificate after an upload with restart=1 (not before), and pve-ssl again
// after a delete with restart=1; uploads for other nodes never change it.
func TestCertificatesServed(t *testing.T) {
	s := startTest(t, func(c *Config) { c.EndpointNode = "pve-s2" })
	c := tokenClient(t, s)
	leaf := newTestLeaf(t)
	if s.EndpointNode() != "pve-s2" {
		t.Fatalf("endpoint %s", s.EndpointNode())
	}
	if got, err := handshake(t, s, string(s.CACertPEM())); err != nil || got.Subject.CommonName != "pve-s2" {
		t.Fatalf("served at start: %v %v", got, err)
	}
	up := map[string]string{"certificates": leaf.cert + leaf.ca, "key": leaf.key}
	c.ok("POST", "/nodes/pve-s1/certificates/custom", map[string]string{"certificates": leaf.cert, "key": leaf.key, "restart": "1"}, nil)
	c.ok("POST", "/nodes/pve-s2/certificates/custom", up, nil)
	if got, err := handshake(t, s, string(s.CACertPEM())); err != nil || got.Subject.CommonName != "pve-s2" {
		t.Fatalf("served before the restart: %v %v", got, err)
	}
	up["force"], up["restart"] = "1", "1"
	c.ok("POST", "/nodes/pve-s2/certificates/custom", up, nil)
	if _, err := handshake(t, s, string(s.CACertPEM())); err == nil {
		t.Fatal("the emulator's CA still verifies after the restart")
	}
	got, err := handshake(t, s, leaf.ca)
	if err != nil || got.Subject.CommonName != "node.lab" || s.ServedCertificate().Subject.CommonName != "node.lab" {
		t.Fatalf("custom certificate not served: %v %v", got, err)
	}
	c.ok("DELETE", "/nodes/pve-s2/certificates/custom", map[string]string{"restart": "1"}, nil)
	if got, err := handshake(t, s, string(s.CACertPEM())); err != nil || got.Subject.CommonName != "pve-s2" {
		t.Fatalf("served after delete: %v %v", got, err)
	}
	if _, err := Start(Config{EndpointNode: "pve-s7"}); err == nil {
		t.Fatal("an endpoint node outside the cluster was accepted")
	}
}

// Certificate.pm's PEM check: leading text allowed, other blocks or text
// after them not.
func TestCheckPEM(t *testing.T) {
	leaf := newTestLeaf(t)
	for _, c := range []struct {
		in       string
		label    string
		multiple bool
		ok       bool
	}{
		{leaf.cert, "CERTIFICATE", false, true},
		{"Bag Attributes\n" + leaf.cert, "CERTIFICATE", false, true},
		{leaf.cert + leaf.ca, "CERTIFICATE", false, false},
		{leaf.cert + leaf.ca, "CERTIFICATE", true, true},
		{leaf.cert + "\n\n" + leaf.ca, "CERTIFICATE", true, true},
		{leaf.cert + "trailing", "CERTIFICATE", true, false},
		{leaf.key, "CERTIFICATE", true, false},
		{leaf.key, "", false, true},
		{strings.TrimSuffix(leaf.cert, "\n"), "CERTIFICATE", false, true},
		{"hello", "", false, false},
	} {
		if got := checkPEM(c.in, c.label, c.multiple); got != c.ok {
			t.Errorf("checkPEM(%.40q, %q, %v) = %v", c.in, c.label, c.multiple, got)
		}
	}
}
