package pemcheck

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

func selfSigned(t *testing.T, nb, na time.Time) (certPEM, keyPEM string) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "node.lab"},
		NotBefore: nb, NotAfter: na, DNSNames: []string{"node.lab"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalPKCS8PrivateKey(key)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kd}))
}

func summaries(d diag.Diagnostics) string {
	var s []string
	for _, x := range d {
		s = append(s, x.Severity().String()+": "+x.Summary())
	}
	return strings.Join(s, "; ")
}

// Each check names its attribute and never prints the key.
func TestChecks(t *testing.T) {
	now := time.Now()
	cert, key := selfSigned(t, now.Add(-time.Hour), now.Add(time.Hour))
	expired, _ := selfSigned(t, now.Add(-2*time.Hour), now.Add(-time.Hour))
	_, otherKey := selfSigned(t, now.Add(-time.Hour), now.Add(time.Hour))
	a := path.Root("certificate_pem")
	k := path.Root("private_key_pem")
	for _, c := range []struct {
		name string
		run  func(*diag.Diagnostics)
		want string
	}{
		{"ok", func(d *diag.Diagnostics) {
			c := Leaf(a, cert, now, d)
			Key(k, key, c, "x", d)
			CoversHost(a, c, "127.0.0.1", "node", "proxmox endpoint", d)
		}, ""},
		{"not pem", func(d *diag.Diagnostics) { Leaf(a, "hello", now, d) }, "Error: Not a certificate"},
		{"key as cert", func(d *diag.Diagnostics) { Leaf(a, key, now, d) }, "Error: Not a certificate"},
		{"two", func(d *diag.Diagnostics) { Leaf(a, cert+cert, now, d) }, "Error: More than one certificate"},
		{"expired", func(d *diag.Diagnostics) { Leaf(a, expired, now, d) }, "Error: Expired certificate"},
		{"not yet", func(d *diag.Diagnostics) { Leaf(a, cert, now.Add(-2*time.Hour), d) }, "Warning: Certificate not yet valid"},
		{"mismatch", func(d *diag.Diagnostics) { Key(k, otherKey, Leaf(a, cert, now, d), "x", d) }, "Error: Key does not match the certificate"},
		{"bad key", func(d *diag.Diagnostics) { Key(k, "nope", nil, "x", d) }, "Error: Not a private key"},
		{"host", func(d *diag.Diagnostics) {
			CoversHost(a, Leaf(a, cert, now, d), "10.0.0.1", "node", "proxmox endpoint", d)
		},
			"Warning: Certificate does not cover the node's address"},
	} {
		var d diag.Diagnostics
		c.run(&d)
		if got := summaries(d); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		for _, x := range d {
			if strings.Contains(x.Detail(), strings.Split(otherKey, "\n")[1]) {
				t.Errorf("%s: the key is in a message", c.name)
			}
		}
	}
}

// The PEM type compares certificates, not their spelling.
func TestSame(t *testing.T) {
	cert, _ := selfSigned(t, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if !Same(cert, strings.TrimSpace(strings.ReplaceAll(cert, "\n", "\r\n"))) {
		t.Error("CRLF, no final newline: not the same")
	}
	other, _ := selfSigned(t, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if Same(cert, other) || !Same("x", "x") || Same("x", "y") {
		t.Error("Same")
	}
}
