package tlsconfig

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func testCA(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestClient(t *testing.T) {
	ca := testCA(t)
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, []byte(ca), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		ca       string
		insecure bool
		wantErr  bool
		wantPool bool
	}{
		{name: "system roots by default"},
		{name: "PEM text", ca: ca, wantPool: true},
		{name: "PEM file", ca: path, wantPool: true},
		{name: "missing file", ca: filepath.Join(t.TempDir(), "nope.pem"), wantErr: true},
		{name: "file without a certificate", ca: "/dev/null", wantErr: true},
		{name: "insecure", ca: ca, insecure: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Client(tc.ca, tc.insecure)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if cfg.InsecureSkipVerify != tc.insecure {
				t.Errorf("InsecureSkipVerify = %v", cfg.InsecureSkipVerify)
			}
			if (cfg.RootCAs != nil) != tc.wantPool {
				t.Errorf("RootCAs set = %v, want %v", cfg.RootCAs != nil, tc.wantPool)
			}
		})
	}
}
