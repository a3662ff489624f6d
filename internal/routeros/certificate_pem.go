package routeros

import (
	"bytes"
	"context"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// parseCertificates returns the certificates of a PEM text, in order. Any
// block that is not a certificate, or text that holds none, is an error.
func parseCertificates(text string) ([]*x509.Certificate, error) {
	rest := []byte(text)
	var out []*x509.Certificate
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("the PEM holds a %q block, not a CERTIFICATE", b.Type)
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("the CERTIFICATE block is not an X.509 certificate: %v", err)
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, errors.New("no PEM CERTIFICATE block found")
	}
	if strings.TrimSpace(string(rest)) != "" {
		return nil, errors.New("text after the last PEM block")
	}
	return out, nil
}

// canonicalPEM is certificates encoded as Go (and Vault, and RouterOS's
// export) write them.
func canonicalPEM(certs ...*x509.Certificate) string {
	var b bytes.Buffer
	for _, c := range certs {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	return b.String()
}

// fingerprint is RouterOS's: SHA-256 of the DER, lower-case hex.
func fingerprint(c *x509.Certificate) string {
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

// subjectAltNames lists a certificate's SANs as RouterOS prints them
// (DNS:name, IP:address, email:..., URI:...).
func subjectAltNames(c *x509.Certificate) []string {
	out := []string{}
	for _, n := range c.DNSNames {
		out = append(out, "DNS:"+n)
	}
	for _, ip := range c.IPAddresses {
		out = append(out, "IP:"+ip.String())
	}
	for _, e := range c.EmailAddresses {
		out = append(out, "email:"+e)
	}
	for _, u := range c.URIs {
		out = append(out, "URI:"+u.String())
	}
	return out
}

// parsePrivateKey reads an unencrypted PEM private key (PKCS#8, PKCS#1 or
// SEC 1). encrypted reports a legacy encrypted PEM key, which only the
// router decrypts (with the passphrase).
func parsePrivateKey(text string) (key crypto.Signer, encrypted bool, err error) {
	b, rest := pem.Decode([]byte(text))
	if b == nil || !strings.HasSuffix(b.Type, "PRIVATE KEY") {
		return nil, false, errors.New("no PEM PRIVATE KEY block found")
	}
	if strings.TrimSpace(string(rest)) != "" {
		return nil, false, errors.New("text after the private key's PEM block")
	}
	if b.Type == "ENCRYPTED PRIVATE KEY" || b.Headers["Proc-Type"] == "4,ENCRYPTED" {
		return nil, true, nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(b.Bytes); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, false, nil
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(b.Bytes); err == nil {
		return k, false, nil
	}
	if k, err := x509.ParseECPrivateKey(b.Bytes); err == nil {
		return k, false, nil
	}
	return nil, false, errors.New("the PRIVATE KEY block is not an RSA, EC or Ed25519 key")
}

// keyMatches reports whether key is the private key of c.
func keyMatches(c *x509.Certificate, key crypto.Signer) bool {
	p, ok := c.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	return ok && p.Equal(key.Public())
}

// pemType is a string holding PEM certificates whose value is the
// certificates, not their spelling: line endings, a final newline or
// surrounding whitespace never cause a diff (Vault's PEM has no final
// newline, RouterOS's export has one).
type pemType struct{ basetypes.StringType }

// pemValue is a value of pemType.
type pemValue struct{ basetypes.StringValue }

var (
	_ basetypes.StringTypable                    = pemType{}
	_ basetypes.StringValuableWithSemanticEquals = pemValue{}
)

func (t pemType) Equal(o attr.Type) bool { _, ok := o.(pemType); return ok }
func (t pemType) String() string         { return "routeros.pemType" }
func (t pemType) ValueType(context.Context) attr.Value {
	return pemValue{}
}

func (t pemType) ValueFromString(_ context.Context, v basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return pemValue{v}, nil
}

func (t pemType) ValueFromTerraform(ctx context.Context, v tftypes.Value) (attr.Value, error) {
	sv, err := t.StringType.ValueFromTerraform(ctx, v)
	if err != nil {
		return nil, err
	}
	return pemValue{sv.(basetypes.StringValue)}, nil
}

func (v pemValue) Type(context.Context) attr.Type { return pemType{} }

func (v pemValue) Equal(o attr.Value) bool {
	ov, ok := o.(pemValue)
	return ok && v.StringValue.Equal(ov.StringValue)
}

// StringSemanticEquals: the same certificates in the same order.
func (v pemValue) StringSemanticEquals(_ context.Context, o basetypes.StringValuable) (bool, diag.Diagnostics) {
	ov, ok := o.(pemValue)
	if !ok {
		return false, nil
	}
	a, errA := parseCertificates(v.ValueString())
	b, errB := parseCertificates(ov.ValueString())
	if errA != nil || errB != nil {
		return v.ValueString() == ov.ValueString(), nil
	}
	return canonicalPEM(a...) == canonicalPEM(b...), nil
}

func pemOf(s string) pemValue { return pemValue{basetypes.NewStringValue(s)} }
func pemNull() pemValue       { return pemValue{basetypes.NewStringNull()} }
