package proxmox

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
)

// PEM checks and certificate info as pve-common's PVE/Certificate.pm does
// them (check_pem, strip_leading_text, get_certificate_info).

const notPEM = "not a valid PEM-formatted string."

var (
	oidCN = asn1.ObjectIdentifier{2, 5, 4, 3}
	oidOU = asn1.ObjectIdentifier{2, 5, 4, 11}
	oidO  = asn1.ObjectIdentifier{2, 5, 4, 10}
	// OpenSSL's short names, as X509_NAME_oneline prints them.
	oidShort = map[string]string{
		"2.5.4.3": "CN", "2.5.4.4": "SN", "2.5.4.5": "serialNumber", "2.5.4.6": "C", "2.5.4.7": "L",
		"2.5.4.8": "ST", "2.5.4.9": "street", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.12": "title",
		"2.5.4.17": "postalCode", "2.5.4.42": "GN", "1.2.840.113549.1.9.1": "emailAddress",
		"0.9.2342.19200300.100.1.25": "DC", "0.9.2342.19200300.100.1.1": "UID",
	}
	oidSAN = asn1.ObjectIdentifier{2, 5, 29, 17}
)

// pemRe is Certificate.pm's $pem_re for a label (a regexp), anchored by the
// caller; multiple is check_pem's chain form.
func pemRe(label string, multiple bool) *regexp.Regexp {
	header := `-----BEGIN ` + label + `-----(?:\s|\n)*`
	footer := `-----END ` + label + `-----(?:\s|\n)*`
	b64 := `[0-9A-Za-z+/]`
	one := header + `(?:` + b64 + `+\s*\n)*` + b64 + `*(?:=\s*\n=|={0,2})?\s*\n` + footer
	if multiple {
		return regexp.MustCompile(`^(?:` + one + `\n+)*` + one + `$`)
	}
	return regexp.MustCompile(`^` + one + `$`)
}

var (
	reCertPEM      = pemRe("CERTIFICATE", false)
	reCertChainPEM = pemRe("CERTIFICATE", true)
	reAnyPEM       = pemRe(".*?", false)
	reLeadingText  = regexp.MustCompile(`(?s)^.*?(-----BEGIN .*?-----)`)
)

// checkPEM is check_pem: after the leading text, nothing but PEM blocks
// with label (any label when ""), one or (multiple) several.
func checkPEM(content, label string, multiple bool) bool {
	content = stripLeadingText(content)
	switch {
	case label == "":
		return reAnyPEM.MatchString(content)
	case multiple:
		return reCertChainPEM.MatchString(content)
	default:
		return reCertPEM.MatchString(content)
	}
}

// stripLeadingText drops what precedes the first PEM header.
func stripLeadingText(content string) string {
	return reLeadingText.ReplaceAllString(content, "$1")
}

// certificateInfo is get_certificate_info of a file holding pemBytes: the
// first certificate of the file (PEM_read_bio_X509).
func certificateInfo(pemBytes []byte, filename string) (map[string]any, error) {
	c, err := firstCert(pemBytes)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(c.Raw)
	fp := make([]string, len(sum))
	for i, b := range sum {
		fp[i] = fmt.Sprintf("%02X", b)
	}
	info := map[string]any{
		"filename":    filename,
		"fingerprint": strings.Join(fp, ":"),
		"subject":     nameOneline(c.RawSubject),
		"issuer":      nameOneline(c.RawIssuer),
		"notbefore":   c.NotBefore.Unix(),
		"notafter":    c.NotAfter.Unix(),
		"san":         sanEntries(c),
		"pem":         string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})),
	}
	if typ, bits := publicKeyInfo(c); typ != "" {
		info["public-key-type"], info["public-key-bits"] = typ, bits
	}
	return info, nil
}

func firstCert(pemBytes []byte) (*x509.Certificate, error) {
	rest := pemBytes
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			return nil, errors.New("unable to read certificate")
		}
		if b.Type == "CERTIFICATE" || b.Type == "X509 CERTIFICATE" || b.Type == "TRUSTED CERTIFICATE" {
			return x509.ParseCertificate(b.Bytes)
		}
	}
}

// nameOneline is X509_NAME_oneline: "/OU=.../O=.../CN=..." in the order
// the name is encoded, multi-valued RDNs joined with "+". (OpenSSL escapes
// non-ASCII bytes as \xHH; the emulator prints them as they are.)
func nameOneline(raw []byte) string {
	var rdns pkix.RDNSequence
	if _, err := asn1.Unmarshal(raw, &rdns); err != nil {
		return ""
	}
	var b strings.Builder
	for _, rdn := range rdns {
		b.WriteString("/")
		for i, atv := range rdn {
			if i > 0 {
				b.WriteString("+")
			}
			name, ok := oidShort[atv.Type.String()]
			if !ok {
				name = atv.Type.String()
			}
			fmt.Fprintf(&b, "%s=%v", name, atv.Value)
		}
	}
	return b.String()
}

// sanEntries are the DNS names and IP addresses of the certificate's
// subjectAltName in their order: IPv4 dotted, IPv6 as eight 4-digit
// lower-case groups (unpack "H4" x 8); other kinds are skipped, as
// get_certificate_info does with a warning.
func sanEntries(c *x509.Certificate) []string {
	out := []string{}
	for _, ext := range c.Extensions {
		if !ext.Id.Equal(oidSAN) {
			continue
		}
		var seq asn1.RawValue
		if _, err := asn1.Unmarshal(ext.Value, &seq); err != nil {
			return out
		}
		rest := seq.Bytes
		for len(rest) > 0 {
			var v asn1.RawValue
			var err error
			if rest, err = asn1.Unmarshal(rest, &v); err != nil {
				return out
			}
			switch {
			case v.Class == asn1.ClassContextSpecific && v.Tag == 2:
				out = append(out, string(v.Bytes))
			case v.Class == asn1.ClassContextSpecific && v.Tag == 7 && len(v.Bytes) == net.IPv4len:
				out = append(out, net.IP(v.Bytes).String())
			case v.Class == asn1.ClassContextSpecific && v.Tag == 7 && len(v.Bytes) == net.IPv6len:
				groups := make([]string, 8)
				for i := range groups {
					groups[i] = fmt.Sprintf("%02x%02x", v.Bytes[2*i], v.Bytes[2*i+1])
				}
				out = append(out, strings.Join(groups, ":"))
			}
		}
	}
	return out
}

// publicKeyInfo is OBJ_nid2sn(EVP_PKEY_id) and EVP_PKEY_bits.
func publicKeyInfo(c *x509.Certificate) (string, int) {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return "rsaEncryption", k.N.BitLen()
	case *ecdsa.PublicKey:
		return "id-ecPublicKey", k.Curve.Params().BitSize
	case ed25519.PublicKey:
		return "ED25519", 253
	}
	return "", 0
}
