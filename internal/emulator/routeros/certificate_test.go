package routeros

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// testPKI is a CA, an intermediate it signs and a leaf for 127.0.0.1 the
// intermediate signs, as PEM.
type testPKI struct {
	ca, inter, leaf, leafKey string
	caCert                   *x509.Certificate
	leafDER                  []byte
}

func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	mk := func(tmpl, parent *x509.Certificate, pub, signer any) *x509.Certificate {
		der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := x509.ParseCertificate(der)
		return c
	}
	now := time.Now()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caT := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "lab root"}, NotBefore: now.Add(-time.Hour),
		NotAfter: now.Add(48 * time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	ca := mk(caT, caT, &caKey.PublicKey, caKey)
	inKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	inT := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "lab intermediate"}, NotBefore: now.Add(-time.Hour),
		NotAfter: now.Add(48 * time.Hour), IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	in := mk(inT, ca, &inKey.PublicKey, caKey)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafT := &x509.Certificate{SerialNumber: big.NewInt(0xABC), Subject: pkix.Name{CommonName: "router.lab"}, NotBefore: now.Add(-time.Hour),
		NotAfter: now.Add(24 * time.Hour), DNSNames: []string{"router.lab"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	leaf := mk(leafT, in, &leafKey.PublicKey, inKey)
	kd, _ := x509.MarshalPKCS8PrivateKey(leafKey)
	enc := func(typ string, b []byte) string { return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b})) }
	return testPKI{ca: enc("CERTIFICATE", ca.Raw), inter: enc("CERTIFICATE", in.Raw), leaf: enc("CERTIFICATE", leaf.Raw),
		leafKey: enc("PRIVATE KEY", kd), caCert: ca, leafDER: leaf.Raw}
}

func TestCertificateImportAndAPISSL(t *testing.T) {
	s := start(t, Config{TLS: true})
	p := newTestPKI(t)
	mustRun(t, s, "/file/add", "=name=leaf.pem", "=contents="+p.leaf+p.leafKey)
	rows := mustRun(t, s, "/certificate/import", "=file-name=leaf.pem", "=passphrase=", "=name=router")
	if rows[0]["certificates-imported"] != "1" || rows[0]["private-keys-imported"] != "1" {
		t.Fatalf("import counters: %v", rows)
	}
	// The same certificate again is skipped.
	rows = mustRun(t, s, "/certificate/import", "=file-name=leaf.pem", "=name=router2")
	if rows[0]["certificates-imported"] != "0" {
		t.Fatalf("re-import of the same certificate: %v", rows)
	}
	mustRun(t, s, "/file/add", "=name=chain.pem", "=contents="+p.inter+p.ca)
	mustRun(t, s, "/certificate/import", "=file-name=chain.pem", "=name=lab")
	got := mustRun(t, s, "/certificate/print", "?name=router")[0]
	sum := sha256.Sum256(p.leafDER)
	want := map[string]string{"common-name": "router.lab", "subject-alt-name": "DNS:router.lab,IP:127.0.0.1",
		"fingerprint": hex.EncodeToString(sum[:]), "private-key": "true", "trusted": "true", "authority": "false",
		"key-type": "ec", "key-size": "prime256v1", "serial-number": "ABC", "issuer": "CN=lab intermediate", "expired": "false"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (row %v)", k, got[k], v, got)
		}
	}
	if names := mustRun(t, s, "/certificate/print", "?name=lab_1"); len(names) != 1 || names[0]["authority"] != "true" {
		t.Fatalf("second certificate of a file: %v", names)
	}
	if _, err := s.Run("/ip/service/set", "=numbers=api-ssl", "=certificate=nope"); err == nil {
		t.Fatal("binding a missing certificate was accepted")
	}
	pool := x509.NewCertPool()
	pool.AddCert(p.caCert)
	// Before binding: the emulator's own certificate, which the lab CA does not verify.
	if c, err := tls.Dial("tcp", s.TLSAddr(), &tls.Config{RootCAs: pool}); err == nil {
		c.Close()
		t.Fatal("lab CA verified the self-signed api-ssl certificate")
	}
	mustRun(t, s, "/ip/service/set", "=numbers=api-ssl", "=certificate=router")
	c, err := tls.Dial("tcp", s.TLSAddr(), &tls.Config{RootCAs: pool})
	if err != nil {
		t.Fatalf("api-ssl with the bound certificate: %v", err)
	}
	c.Close()
	// A rename keeps the binding; a removal leaves none.
	mustRun(t, s, "/certificate/set", "=numbers=router", "=name=router-new")
	if v := mustRun(t, s, "/ip/service/print", "?name=api-ssl")[0]["certificate"]; v != "router-new" {
		t.Fatalf("binding after rename: %q", v)
	}
	mustRun(t, s, "/certificate/export-certificate", "=numbers=router-new", "=type=pem", "=file-name=out")
	if f := mustRun(t, s, "/file/print", "?name=out.crt"); len(f) != 1 || strings.TrimSpace(f[0]["contents"]) != strings.TrimSpace(p.leaf) {
		t.Fatalf("exported certificate: %v", f)
	}
	mustRun(t, s, "/certificate/remove", "=numbers=router-new")
	if v := mustRun(t, s, "/ip/service/print", "?name=api-ssl")[0]["certificate"]; v != "none" {
		t.Fatalf("binding after remove: %q", v)
	}
	if _, err := s.Run("/certificate/import", "=file-name=missing.pem"); err == nil {
		t.Fatal("import of a missing file was accepted")
	}
}
