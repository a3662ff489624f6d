package proxmox

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/pemcheck"
)

func testCertPEM(t *testing.T) (string, *x509.Certificate) {
	t.Helper()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "pve-s1.lab"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour).Truncate(time.Second)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), c
}

// toAPI sends the certificate followed by its chain, the key, force on
// every update, restart as set; fromAPI keeps the configuration's spelling
// of the same certificate and takes PVE's when another one is installed.
func TestNodeCertificateModel(t *testing.T) {
	ctx := context.Background()
	certPEM, cert := testCertPEM(t)
	chainPEM, _ := testCertPEM(t)
	vaultStyle := strings.TrimSpace(certPEM) // Vault's PEM has no final newline
	m := nodeCertificateModel{Node: types.StringValue("pve-s1"), CertificatePEM: pemcheck.Of(vaultStyle),
		ChainPEM: pemcheck.Of(chainPEM), Force: types.BoolValue(false), Restart: types.BoolValue(true)}
	p := m.toAPI("KEY", false)
	if p["certificates"] != certPEM+chainPEM || p["key"] != "KEY\n" || p["force"] != "0" || p["restart"] != "1" {
		t.Errorf("create body %q", p)
	}
	if p := m.toAPI("KEY", true); p["force"] != "1" {
		t.Errorf("update without force: %q", p)
	}
	m.planFromCert(cert)
	fp := m.Fingerprint.ValueString()
	if len(fp) != 95 || strings.ToUpper(fp) != fp || m.NotAfter.ValueString() != cert.NotAfter.UTC().Format(time.RFC3339) {
		t.Errorf("planned fingerprint %q, not_after %q", fp, m.NotAfter)
	}
	info := map[string]any{"filename": "pveproxy-ssl.pem", "pem": certPEM, "fingerprint": strings.ToLower(fp),
		"subject": "/CN=pve-s1.lab", "issuer": "/CN=pve-s1.lab", "notafter": float64(cert.NotAfter.Unix()),
		"san": []any{"pve-s1.lab", "127.0.0.1"}}
	m.fromAPI(ctx, info)
	if m.CertificatePEM.ValueString() != vaultStyle || m.ChainPEM.IsNull() || m.Fingerprint.ValueString() != fp ||
		m.Subject.ValueString() != "/CN=pve-s1.lab" || len(m.SubjectAlternativeNames.Elements()) != 2 {
		t.Errorf("fromAPI of the same certificate: %+v", m)
	}
	other, _ := testCertPEM(t)
	info["pem"] = other
	m.fromAPI(ctx, info)
	if m.CertificatePEM.ValueString() != other || !m.ChainPEM.IsNull() {
		t.Errorf("fromAPI of another certificate: %+v", m)
	}
	if customEntry([]map[string]any{{"filename": "pve-ssl.pem"}}) != nil || customEntry([]map[string]any{info}) == nil {
		t.Error("customEntry")
	}
}
