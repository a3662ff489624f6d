package vaultimport

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

// ca is an issuer that becomes a root or an intermediate CA resource.
type ca struct {
	typ         string
	m           *mount
	is          *issuer
	signer      *issuer // intermediates: the issuer the provider's import finds
	signerMount *mount
	r           *adopt.Resource
}

// classify decides what an issuer becomes: a root CA (self-signed), an
// intermediate CA (signed by an issuer of another PKI mount, found as the
// provider's import finds it), or nothing, with the reason in the report.
func (b *builder) classify(m *mount, is *issuer) {
	menu, obj := m.path+"/issuer", describeIssuer(is)
	if is.keyID == "" {
		b.skip(menu, obj, "", "an issuer without its key in Vault (a CA certificate imported for the chain): no resource manages it")
		return
	}
	if why := caProblem(is); why != "" {
		b.unexpressed(menu, obj, why, "cannot be written as a CA resource")
		return
	}
	if bytes.Equal(is.cert.RawIssuer, is.cert.RawSubject) && is.cert.CheckSignatureFrom(is.cert) == nil {
		b.cas[is] = &ca{typ: typeRoot, m: m, is: is}
		return
	}
	// The provider's import (findSigner) takes the first issuer of another
	// PKI mount whose key signed the certificate, in an order Vault does not
	// fix across mounts: the signer must be in exactly one mount.
	var signer *issuer
	var signerMount *mount
	var in []string
	for _, o := range b.lab.pki {
		if o == m {
			continue
		}
		for _, cand := range o.issuers {
			if is.cert.CheckSignatureFrom(cand.cert) == nil {
				in = append(in, o.path)
				if signer == nil {
					signer, signerMount = cand, o
				}
				break
			}
		}
	}
	switch {
	case len(in) > 1:
		b.unexpressed(menu, obj, "signer_mount", fmt.Sprintf("signed by issuers in several mounts (%s): "+
			"the provider's import would pick one of them at random", strings.Join(in, ", ")))
	case signer == nil:
		b.unexpressed(menu, obj, "signer_mount", "an intermediate CA not signed by an issuer of another PKI mount "+
			"(signed outside Vault, or by its own mount): "+typeInter+" needs its signer in another mount")
	default:
		b.cas[is] = &ca{typ: typeInter, m: m, is: is, signer: signer, signerMount: signerMount}
	}
}

func describeIssuer(is *issuer) string {
	if is.name != "" {
		return is.name + " (" + is.id + ")"
	}
	return is.id
}

var issuerNameRe = regexp.MustCompile(`^\w([\w.-]*\w)?$`)

// caProblem is why the CA resources' schema would refuse what the issuer
// holds, naming the attribute, or "".
func caProblem(is *issuer) string {
	cn := is.cert.Subject.CommonName
	if n := utf8.RuneCountInString(cn); n < 1 || n > 64 {
		return "common_name"
	}
	if kt, bits := keyInfo(is.cert); !keyBitsOK(kt, bits) || kt == "any" {
		return "key_type"
	}
	if certTTL(is.cert) <= 0 {
		return "ttl"
	}
	if is.name != "" && (is.name == "default" || !issuerNameRe.MatchString(is.name)) {
		return "issuer_name"
	}
	return ""
}

// ca writes a CA resource: what its import reads back from the certificate,
// where it differs from the schema's defaults.
func (b *builder) ca(c *ca) {
	cert := c.is.cert
	attrs := []adopt.Attr{b.mountRef(c.m)}
	if c.typ == typeInter {
		attrs = append(attrs, b.mountRefNamed("signer_mount", c.signerMount))
		ref := adopt.Value(adopt.String(c.signer.id))
		if sc := b.cas[c.signer]; sc != nil {
			ref = adopt.Ref(sc.r.Address() + ".issuer_id")
		}
		attrs = append(attrs, adopt.Attr{Name: "signer_issuer_ref", Value: ref})
	}
	attrs = append(attrs, adopt.Attr{Name: "common_name", Value: adopt.String(cert.Subject.CommonName)})
	for _, f := range subjectFields {
		if l := f.get(cert.Subject); len(l) > 0 {
			attrs = append(attrs, adopt.Attr{Name: f.attr, Value: stringList(l)})
		}
	}
	attrs = append(attrs, keyAttrs(keyInfo(cert))...)
	attrs = append(attrs, adopt.Attr{Name: "ttl", Value: adopt.String(formatTTL(certTTL(cert)))})
	if c.is.name != "" {
		attrs = append(attrs, adopt.Attr{Name: "issuer_name", Value: adopt.String(c.is.name)})
	}
	if c.typ == typeInter && !c.is.isDefault {
		attrs = append(attrs, adopt.Attr{Name: "set_default", Value: adopt.Bool(false)})
	}
	c.r.Attrs = attrs
	b.add(c.r)
	b.unmanaged(c.m.path+"/issuer", describeIssuer(c.is), issuerRules.unmanaged(c.is.data),
		"not managed by "+c.typ+" yet; left as it is")
}

func (b *builder) mountRefNamed(name string, m *mount) adopt.Attr {
	a := b.mountRef(m)
	a.Name = name
	return a
}

var subjectFields = []struct {
	attr string
	get  func(pkix.Name) []string
}{
	{"organization", func(n pkix.Name) []string { return n.Organization }},
	{"ou", func(n pkix.Name) []string { return n.OrganizationalUnit }},
	{"country", func(n pkix.Name) []string { return n.Country }},
	{"locality", func(n pkix.Name) []string { return n.Locality }},
	{"province", func(n pkix.Name) []string { return n.Province }},
	{"street_address", func(n pkix.Name) []string { return n.StreetAddress }},
	{"postal_code", func(n pkix.Name) []string { return n.PostalCode }},
}

// keyInfo is a certificate's key as Vault's key_type and key_bits name it.
func keyInfo(cert *x509.Certificate) (string, int64) {
	switch k := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		return "rsa", int64(k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ec", int64(k.Curve.Params().BitSize)
	case ed25519.PublicKey:
		return "ed25519", 0
	}
	return "", 0
}

// The key sizes the resources accept, and the size each fills in when
// key_bits is unset (internal/vault keyBitsByType, defaultKeyBits).
var (
	keyBits        = map[string][]int64{"rsa": {2048, 3072, 4096, 8192}, "ec": {224, 256, 384, 521}, "ed25519": {0}, "any": {0}}
	defaultKeyBits = map[string]int64{"rsa": 2048, "ec": 256, "ed25519": 0, "any": 0}
)

func keyBitsOK(kt string, bits int64) bool {
	for _, b := range keyBits[kt] {
		if b == bits {
			return true
		}
	}
	return false
}

// keyAttrs are key_type and key_bits where they differ from the defaults
// (rsa; the type's usual size).
func keyAttrs(kt string, bits int64) []adopt.Attr {
	var out []adopt.Attr
	if kt != "rsa" {
		out = append(out, adopt.Attr{Name: "key_type", Value: adopt.String(kt)})
	}
	if bits != defaultKeyBits[kt] {
		out = append(out, adopt.Attr{Name: "key_bits", Value: adopt.Number(bits)})
	}
	return out
}
