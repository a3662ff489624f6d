// Package pemcheck reads the PEM certificates and keys that resources
// install on devices (homelab_routeros_certificate,
// homelab_proxmox_node_certificate), so both make the same plan-time checks
// and compare certificates the same way.
package pemcheck

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// ParseCertificates returns the certificates of a PEM text, in order. Any
// block that is not a certificate, or text that holds none, is an error.
func ParseCertificates(text string) ([]*x509.Certificate, error) {
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

// CanonicalPEM is certificates encoded as Go (and Vault, RouterOS's export
// and PVE's certificates/info) write them.
func CanonicalPEM(certs ...*x509.Certificate) string {
	var b bytes.Buffer
	for _, c := range certs {
		_ = pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	return b.String()
}

// ParsePrivateKey reads an unencrypted PEM private key (PKCS#8, PKCS#1 or
// SEC 1). encrypted reports a legacy encrypted PEM key, which only the
// device decrypts (with a passphrase).
func ParsePrivateKey(text string) (key crypto.Signer, encrypted bool, err error) {
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

// KeyMatches reports whether key is the private key of c.
func KeyMatches(c *x509.Certificate, key crypto.Signer) bool {
	p, ok := c.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	return ok && p.Equal(key.Public())
}
