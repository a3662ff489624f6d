package routeros

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"

	"github.com/homelab-iac/terraform-provider-homelab/internal/pemcheck"
)

// The PEM helpers shared with homelab_proxmox_node_certificate live in
// internal/pemcheck; RouterOS's own spellings stay here.

type (
	pemType  = pemcheck.Type
	pemValue = pemcheck.Value
)

var (
	parseCertificates = pemcheck.ParseCertificates
	canonicalPEM      = pemcheck.CanonicalPEM
	pemOf             = pemcheck.Of
	pemNull           = pemcheck.Null
)

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
