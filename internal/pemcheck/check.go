package pemcheck

import (
	"crypto"
	"crypto/x509"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// The plan-time checks of a certificate to install, each naming the
// attribute it is about. A device would refuse these or install something
// no TLS client can use, so they fail the plan before anything is sent.

// Leaf checks the certificate attribute: one PEM certificate that has not
// expired (an error) and is valid already (a warning otherwise). It returns
// the certificate, or nil after an error.
func Leaf(attr path.Path, text string, now time.Time, diags *diag.Diagnostics) *x509.Certificate {
	name := attr.String()
	certs, err := ParseCertificates(text)
	switch {
	case err != nil:
		diags.AddAttributeError(attr, "Not a certificate", name+": "+err.Error())
		return nil
	case len(certs) != 1:
		diags.AddAttributeError(attr, "More than one certificate",
			fmt.Sprintf("%s holds %d certificates; put the issuers into chain_pem.", name, len(certs)))
		return nil
	}
	c := certs[0]
	if !now.Before(c.NotAfter) {
		diags.AddAttributeError(attr, "Expired certificate",
			fmt.Sprintf("The certificate %q expired at %s; issue a new one.", c.Subject.CommonName, c.NotAfter.UTC().Format(time.RFC3339)))
		return nil
	}
	if now.Before(c.NotBefore) {
		diags.AddAttributeWarning(attr, "Certificate not yet valid",
			fmt.Sprintf("The certificate %q is valid only from %s.", c.Subject.CommonName, c.NotBefore.UTC().Format(time.RFC3339)))
	}
	return c
}

// Chain checks a chain attribute: PEM certificates only.
func Chain(attr path.Path, text string, diags *diag.Diagnostics) []*x509.Certificate {
	certs, err := ParseCertificates(text)
	if err != nil {
		diags.AddAttributeError(attr, "Not a certificate chain", attr.String()+": "+err.Error())
	}
	return certs
}

// Key checks a private key attribute and, when cert is known, that the key
// is cert's; consequence says what the device would do with a wrong one.
// The key itself never goes into a message. It returns the key (nil when
// encrypted or invalid) and whether it is encrypted.
func Key(attr path.Path, text string, cert *x509.Certificate, consequence string, diags *diag.Diagnostics) (crypto.Signer, bool) {
	key, encrypted, err := ParsePrivateKey(text)
	switch {
	case err != nil:
		diags.AddAttributeError(attr, "Not a private key", attr.String()+": "+err.Error())
	case key != nil && cert != nil && !KeyMatches(cert, key):
		diags.AddAttributeError(attr, "Key does not match the certificate",
			fmt.Sprintf("%s is not the private key of the certificate %q (serial %s): %s", attr.String(),
				cert.Subject.CommonName, cert.SerialNumber.Text(16), consequence))
	}
	return key, encrypted
}

// CoversHost warns when c's subject alternative names do not cover host,
// the address the provider dials (device: "router"; setting: the provider
// setting holding host, "routeros url").
func CoversHost(attr path.Path, c *x509.Certificate, host, device, setting string, diags *diag.Diagnostics) {
	if host == "" || c.VerifyHostname(host) == nil {
		return
	}
	diags.AddAttributeWarning(attr, "Certificate does not cover the "+device+"'s address",
		fmt.Sprintf("The certificate's subject alternative names (%s) do not include %q, the host of the provider's %s: "+
			"a client verifying TLS against it will fail the hostname check. Issue it with that name or IP address as a SAN.",
			strings.Join(SANs(c), ", "), host, setting))
}

// SANs lists c's DNS names and IP addresses ("DNS:x", "IP:y") for messages.
func SANs(c *x509.Certificate) []string {
	out := []string{}
	for _, n := range c.DNSNames {
		out = append(out, "DNS:"+n)
	}
	for _, ip := range c.IPAddresses {
		out = append(out, "IP:"+ip.String())
	}
	return out
}

// configValue is a configuration value as Install needs it.
type configValue interface {
	IsNull() bool
	IsUnknown() bool
	ValueString() string
}

// Install checks what a resource that installs a certificate is given: the
// certificate_pem, chain_pem and private_key_pem attributes, each only once
// known. mismatch says what the device would do with a key that is not the
// certificate's. It returns whether the key is encrypted (the caller knows
// whether its device can take that); false after an error in the
// certificate.
func Install(cert, chain, key configValue, mismatch string, diags *diag.Diagnostics) (encrypted bool) {
	known := func(v configValue) bool { return !v.IsNull() && !v.IsUnknown() }
	var c *x509.Certificate
	if known(cert) {
		if c = Leaf(path.Root("certificate_pem"), cert.ValueString(), time.Now(), diags); c == nil {
			return false
		}
	}
	if known(chain) {
		Chain(path.Root("chain_pem"), chain.ValueString(), diags)
	}
	if known(key) {
		_, encrypted = Key(path.Root("private_key_pem"), key.ValueString(), c, mismatch, diags)
	}
	return encrypted
}
