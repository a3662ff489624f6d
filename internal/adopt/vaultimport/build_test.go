package vaultimport

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

// ca signs a CA certificate valid for ttl as Vault does (backdated 30s);
// parent nil makes it self-signed.
type testCA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newCA(t *testing.T, cn string, serial int64, ttl time.Duration, parent *testCA) *testCA {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Truncate(time.Second)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn, Organization: []string{"Lab"}},
		NotBefore: now.Add(-notBefore), NotAfter: now.Add(ttl), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign}
	signer, signKey := tmpl, key
	if parent != nil {
		signer, signKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return &testCA{cert, key}
}

func iss(id, name, keyID string, c *testCA, def bool) *issuer {
	return &issuer{id: id, name: name, keyID: keyID, cert: c.cert, isDefault: def,
		data: map[string]any{"issuer_id": id, "issuer_name": name, "key_id": keyID, "leaf_not_after_behavior": "err",
			"usage": "crl-signing,issuing-certificates,ocsp-signing,read-only", "revocation_signature_algorithm": "ECDSAWithSHA256"}}
}

// roleData is a role as Vault 1.21 reads back one written with only these fields.
func roleData(set map[string]any) map[string]any {
	d := map[string]any{"issuer_ref": "default", "allowed_domains": []any{}, "allow_wildcard_certificates": true,
		"allow_localhost": true, "allow_ip_sans": true, "server_flag": true, "client_flag": true, "ttl": json.Number("0"),
		"max_ttl": json.Number("0"), "key_type": "rsa", "key_bits": json.Number("2048"),
		"key_usage": []any{"DigitalSignature", "KeyAgreement", "KeyEncipherment"}, "ext_key_usage": []any{},
		"cn_validations": []any{"email", "hostname"}, "enforce_hostnames": true, "not_before_duration": json.Number("30"),
		"require_cn": true, "serial_number_source": "json-csr", "signature_bits": json.Number("256"),
		"use_csr_common_name": true, "use_csr_sans": true, "organization": []any{}}
	for k, v := range set {
		d[k] = v
	}
	return d
}

func hcl(t *testing.T, res *adopt.Result) string {
	t.Helper()
	files, _, err := adopt.Generate([]*adopt.Result{res}, true)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(files[file])), " ")
}

func TestBuild(t *testing.T) {
	root := newCA(t, "Root", 1, 87600*time.Hour, nil)
	inter := newCA(t, "Intermediate", 2, 43800*time.Hour, root)
	outside := newCA(t, "Elsewhere", 3, time.Hour, newCA(t, "Foreign root", 4, time.Hour, nil))
	rootMount := &mount{path: "pki", data: map[string]any{"type": "pki", "description": "Root",
		"config": map[string]any{"default_lease_ttl": json.Number("0"), "max_lease_ttl": json.Number("315360000")}},
		issuers: []*issuer{iss("r1", "root", "k1", root, true)},
		keys:    []key{{id: "k1"}, {id: "k9", name: "stray"}},
		certs:   []string{"01", "02", "0a:0b"}}
	intMount := &mount{path: "pki_int", data: map[string]any{"type": "pki", "seal_wrap": true, "config": map[string]any{}},
		issuers: []*issuer{iss("i1", "", "k2", inter, false), iss("c1", "", "", root, false), iss("o1", "", "k3", outside, false)},
		urls:    map[string]any{"issuing_certificates": []any{"https://v/ca"}, "ocsp_servers": []any{}, "enable_templating": false},
		roles: []*role{
			{name: "web", data: roleData(map[string]any{"issuer_ref": "i1", "allowed_domains": []any{"lab.example"},
				"allow_localhost": false, "ttl": json.Number("259200"), "key_type": "ec", "key_bits": json.Number("384"),
				"key_usage": []any{}, "organization": []any{"Lab"}})},
			{name: "plain", data: roleData(nil)},
		}}
	res := build(&lab{pki: []*mount{intMount, rootMount}, others: []other{{"secret", "kv"}, {"sys", "system"}}})

	var addrs, ids []string
	for _, r := range res.Resources {
		addrs, ids = append(addrs, r.Address()), append(ids, r.ImportID)
	}
	want := "homelab_vault_pki_mount.pki homelab_vault_pki_root_ca.root homelab_vault_pki_mount.pki_int " +
		"homelab_vault_pki_intermediate_ca.pki_int homelab_vault_pki_config_urls.pki_int homelab_vault_pki_role.web homelab_vault_pki_role.plain"
	if got := strings.Join(addrs, " "); got != want {
		t.Errorf("resources:\n %s\nwant\n %s", got, want)
	}
	if got := strings.Join(ids, " "); got != "pki pki/issuer/r1 pki_int pki_int/issuer/i1 pki_int/config/urls pki_int/roles/web pki_int/roles/plain" {
		t.Errorf("import IDs: %s", got)
	}
	body := hcl(t, res)
	for _, w := range []string{
		`resource "homelab_vault_pki_mount" "pki" { path = "pki" description = "Root" max_lease_ttl = "87600h" }`,
		`resource "homelab_vault_pki_root_ca" "root" { mount = homelab_vault_pki_mount.pki.path common_name = "Root" organization = ["Lab"] key_type = "ec" ttl = "87600h" issuer_name = "root" }`,
		`signer_mount = homelab_vault_pki_mount.pki.path signer_issuer_ref = homelab_vault_pki_root_ca.root.issuer_id`,
		`ttl = "43800h" set_default = false }`,
		`resource "homelab_vault_pki_config_urls" "pki_int" { mount = homelab_vault_pki_mount.pki_int.path issuing_certificates = ["https://v/ca"] }`,
		`name = "web" issuer_ref = homelab_vault_pki_intermediate_ca.pki_int.issuer_id allowed_domains = ["lab.example"] allow_localhost = false ttl = "72h" key_type = "ec" key_bits = 384 key_usage = [] }`,
		`resource "homelab_vault_pki_role" "plain" { mount = homelab_vault_pki_mount.pki_int.path name = "plain" }`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("vault-pki.tf lacks\n %s\nin\n %s", w, body)
		}
	}
	report := map[string]bool{}
	for _, s := range res.Skipped {
		report[s.Menu+"|"+s.Object+"|"+s.Field] = true
	}
	for _, w := range []string{"pki_int/issuer|c1|", "pki/keys|stray (k9)|", "pki/certs|0a:0b|", "sys/mounts|secret|",
		"sys/mounts|pki_int|seal_wrap", "pki_int/roles|web|organization"} {
		if !report[w] {
			t.Errorf("report lacks %s: %v", w, report)
		}
	}
	for _, no := range []string{"pki/certs|01|", "pki/certs|02|", "pki/keys|k1|", "pki_int/roles|plain|organization"} {
		if report[no] {
			t.Errorf("report lists %s", no)
		}
	}
	if len(res.Unexpressed) != 1 || res.Unexpressed[0].Object != "o1" || res.Unexpressed[0].Field != "signer_mount" {
		t.Errorf("unexpressed = %+v, want the intermediate signed outside Vault", res.Unexpressed)
	}
}

// An intermediate whose signer sits in two mounts cannot be imported
// deterministically: the provider's import would pick either.
func TestBuildAmbiguousSigner(t *testing.T) {
	root := newCA(t, "Root", 1, time.Hour, nil)
	inter := newCA(t, "Intermediate", 2, time.Hour, root)
	m := func(p string, is ...*issuer) *mount {
		return &mount{path: p, data: map[string]any{"type": "pki"}, issuers: is}
	}
	res := build(&lab{pki: []*mount{m("a", iss("r1", "", "k1", root, true)), m("b", iss("r2", "", "", root, true)),
		m("c", iss("i1", "", "k3", inter, true))}})
	if len(res.Unexpressed) != 1 || !strings.Contains(res.Unexpressed[0].Reason, "several mounts (a, b)") {
		t.Errorf("unexpressed = %+v", res.Unexpressed)
	}
}

func TestCertTTL(t *testing.T) {
	now := time.Now()
	for _, c := range []struct {
		life time.Duration
		want string
	}{
		{87600*time.Hour + notBefore, "87600h"},
		{87600*time.Hour + notBefore + time.Second, "87600h"}, // Vault read the clock twice
		{90*time.Minute + notBefore, "90m"},
		{100*time.Second + notBefore, "100s"},
	} {
		cert := &x509.Certificate{NotBefore: now, NotAfter: now.Add(c.life)}
		if got := formatTTL(certTTL(cert)); got != c.want {
			t.Errorf("%s: ttl %s, want %s", c.life, got, c.want)
		}
	}
}
