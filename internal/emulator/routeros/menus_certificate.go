package routeros

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"strconv"
	"strings"
	"time"
)

// Hidden values of a /certificate row: never printed (printRow shows only
// the menu's fields and computed properties) and never settable (checkArgs
// accepts only the menu's fields).
const (
	certDER = "\x00der" // the certificate, DER
	certKey = "\x00key" // its private key, PKCS#8 DER; absent without a key
)

// certificateMenu is /certificate as far as installed certificates go:
// rows come from import (MikroTik manual, "Certificates": import,
// export-certificate, print's flags K/A/T/E and properties); name and
// trusted are settable, remove deletes. Templates (add, sign) are not
// modelled.
func certificateMenu() *menu {
	return &menu{
		path: "/certificate", table: "certificate", nameField: "name", canRemove: true,
		uniqueName: "certificate with the same name already exists",
		fields: []*field{
			fStr("name"),
			fBool("trusted", "true"),
		},
		compute: func(d *db, r *row, p *props) {
			c, err := x509.ParseCertificate([]byte(r.vals[certDER]))
			if err != nil {
				return
			}
			now := d.now()
			sum := sha256.Sum256(c.Raw)
			p.set("common-name", c.Subject.CommonName)
			if san := subjectAltName(c); san != "" {
				p.set("subject-alt-name", san)
			}
			p.set("issuer", c.Issuer.String())
			p.set("serial-number", strings.ToUpper(c.SerialNumber.Text(16)))
			p.set("fingerprint", hex.EncodeToString(sum[:]))
			typ, size := keyTypeSize(c.PublicKey)
			p.set("key-type", typ)
			if size != "" {
				p.set("key-size", size)
			}
			p.set("invalid-before", c.NotBefore.UTC().Format(rosTime))
			p.set("invalid-after", c.NotAfter.UTC().Format(rosTime))
			if left := c.NotAfter.Sub(now); left > 0 {
				p.set("expires-after", formatDuration(left.Truncate(time.Second)))
			}
			p.set("days-valid", strconv.Itoa(int(c.NotAfter.Sub(c.NotBefore).Hours()/24)))
			_, hasKey := r.vals[certKey]
			p.set("private-key", boolStr(hasKey))
			p.set("authority", boolStr(c.IsCA))
			p.set("expired", boolStr(!now.Before(c.NotAfter)))
			p.set("revoked", "false")
			p.set("crl", "false")
		},
	}
}

// rosTime is how RouterOS 7.10+ prints dates (earlier: "jan/02/2006 15:04:05").
const rosTime = "2006-01-02 15:04:05"

// fileMenu is /file with the RouterOS 7.9+ `add name= contents=`: a file
// holding the given text. Unconfirmed: the size limit of contents over the
// API (only the emulator's word limit applies here) and the exact error for
// a name that exists.
func fileMenu() *menu {
	return &menu{
		path: "/file", table: "file", nameField: "name", canAdd: true, canRemove: true,
		uniqueName: "file already exists",
		fields: []*field{
			{name: "name", kind: kString, required: true, noUnset: true},
			fStr("contents"),
		},
		compute: func(d *db, r *row, p *props) {
			p.set("type", "file")
			p.set("size", strconv.Itoa(len(r.vals["contents"])))
		},
	}
}

func subjectAltName(c *x509.Certificate) string {
	var items []string
	for _, n := range c.DNSNames {
		items = append(items, "DNS:"+n)
	}
	for _, ip := range c.IPAddresses {
		items = append(items, "IP:"+ip.String())
	}
	for _, e := range c.EmailAddresses {
		items = append(items, "email:"+e)
	}
	for _, u := range c.URIs {
		items = append(items, "URI:"+u.String())
	}
	return strings.Join(items, ",")
}

func keyTypeSize(pub any) (string, string) {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return "rsa", strconv.Itoa(k.N.BitLen())
	case *ecdsa.PublicKey:
		switch k.Curve.Params().BitSize {
		case 256:
			return "ec", "prime256v1"
		case 384:
			return "ec", "secp384r1"
		case 521:
			return "ec", "secp521r1"
		}
		return "ec", ""
	case ed25519.PublicKey:
		return "ed25519", ""
	}
	return "unknown", ""
}

// execCertificate runs the /certificate commands the generic menu code does
// not know (import, export-certificate) and keeps /ip/service's certificate
// binding in step with a renamed or removed certificate. ok is false for any
// other command. The caller holds the lock.
func (d *db) execCertificate(req request) (result, bool) {
	switch req.command {
	case "/certificate/import":
		return d.certImport(req), true
	case "/certificate/export-certificate":
		return d.certExport(req), true
	case "/certificate/set", "/certificate/remove":
		before := map[int]string{}
		for _, r := range d.table("certificate").rows {
			before[r.id] = r.vals["name"]
		}
		res := d.exec(req)
		if res.err != nil {
			return res, true
		}
		now := map[int]string{}
		for _, r := range d.table("certificate").rows {
			now[r.id] = r.vals["name"]
		}
		for id, name := range before {
			to, ok := now[id]
			if !ok {
				to = "none" // the service loses the removed certificate (unconfirmed)
			}
			if to == name {
				continue
			}
			for _, s := range d.table("ip/service").rows {
				if s.vals["certificate"] == name {
					s.vals["certificate"] = to
				}
			}
		}
		return res, true
	}
	return result{}, false
}

// checkServiceCertificate refuses binding a service to a certificate that is
// not installed (the value must name a /certificate row or be none).
func checkServiceCertificate(d *db, r *row) error {
	v, ok := r.vals["certificate"]
	if !ok || v == "none" || v == "" {
		return nil
	}
	if d.certificateByName(v) == nil {
		return errNoMatch("certificate")
	}
	return nil
}

func (d *db) certificateByName(name string) *row {
	for _, r := range d.table("certificate").rows {
		if r.vals["name"] == name {
			return r
		}
	}
	return nil
}

func (d *db) fileByName(name string) *row {
	for _, r := range d.table("file").rows {
		if r.vals["name"] == name {
			return r
		}
	}
	return nil
}

// certImport is /certificate/import file-name= passphrase= name=: every
// CERTIFICATE block of the file becomes a row (the first named name=, later
// ones name_1, name_2...; without name= the file's name with _0, _1...); a
// certificate already installed (same fingerprint) is skipped; every private
// key is attached to the installed certificate with the same public key
// (legacy encrypted PEM keys are decrypted with the passphrase). The
// counters come back as one !re row. Unconfirmed: the counters arriving as
// !re rather than on !done, the naming of further certificates of one file,
// and refusing a name that is taken (RouterOS may rename instead).
func (d *db) certImport(req request) result {
	for _, a := range req.attrs {
		switch a.k {
		case "file-name", "passphrase", "name", "trusted":
		default:
			return result{err: errUnknownParam(a.k)}
		}
	}
	fileName, ok := req.arg("file-name")
	if !ok {
		return result{err: errMissing("file-name")}
	}
	f := d.fileByName(fileName)
	if f == nil {
		return result{err: failure("no such file")}
	}
	pass, _ := req.arg("passphrase")
	name, named := req.arg("name")
	t := d.table("certificate")
	var certs, keys, failures, orphans int
	rest := []byte(f.vals["contents"])
	var pemKeys []*pem.Block
	n := 0
	for {
		var b *pem.Block
		b, rest = pem.Decode(rest)
		if b == nil {
			break
		}
		switch {
		case b.Type == "CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				failures++
				continue
			}
			if d.certificateByDER(c.Raw) != nil {
				continue
			}
			rowName := fileName + "_" + strconv.Itoa(n)
			if named {
				rowName = name
				if n > 0 {
					rowName += "_" + strconv.Itoa(n)
				}
			}
			n++
			if d.certificateByName(rowName) != nil {
				return result{err: failure("certificate with the same name already exists")}
			}
			t.rows = append(t.rows, &row{id: t.alloc(), vals: map[string]string{"name": rowName, certDER: string(c.Raw)}})
			certs++
		case strings.HasSuffix(b.Type, "PRIVATE KEY"):
			pemKeys = append(pemKeys, b)
		}
	}
	for _, b := range pemKeys {
		key, err := parseKeyBlock(b, pass)
		if err != nil {
			failures++
			continue
		}
		r := d.certificateForKey(key)
		if r == nil {
			orphans++
			continue
		}
		der, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			failures++
			continue
		}
		r.vals[certKey] = string(der)
		keys++
	}
	return result{rows: []props{{
		{"certificates-imported", strconv.Itoa(certs)}, {"private-keys-imported", strconv.Itoa(keys)},
		{"files-imported", "1"}, {"decryption-failures", strconv.Itoa(failures)},
		{"keys-with-no-certificate", strconv.Itoa(orphans)},
	}}}
}

func parseKeyBlock(b *pem.Block, pass string) (crypto.Signer, error) {
	der := b.Bytes
	//lint:ignore SA1019 RouterOS accepts legacy encrypted PEM keys (Proc-Type: 4,ENCRYPTED)
	if x509.IsEncryptedPEMBlock(b) { //nolint:staticcheck // legacy encrypted PEM, as RouterOS imports it
		var err error
		if der, err = x509.DecryptPEMBlock(b, []byte(pass)); err != nil { //nolint:staticcheck // see above
			return nil, err
		}
	}
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	return x509.ParseECPrivateKey(der)
}

func (d *db) certificateByDER(raw []byte) *row {
	for _, r := range d.table("certificate").rows {
		if r.vals[certDER] == string(raw) {
			return r
		}
	}
	return nil
}

// certificateForKey is the installed certificate whose public key is key's.
func (d *db) certificateForKey(key crypto.Signer) *row {
	type eq interface{ Equal(crypto.PublicKey) bool }
	for _, r := range d.table("certificate").rows {
		c, err := x509.ParseCertificate([]byte(r.vals[certDER]))
		if err != nil {
			continue
		}
		if p, ok := c.PublicKey.(eq); ok && p.Equal(key.Public()) {
			return r
		}
	}
	return nil
}

// certExport is /certificate/export-certificate numbers= type=pem
// file-name=: the certificate is written to <file-name>.crt (only PEM, and
// never the key: export-passphrase is not modelled).
func (d *db) certExport(req request) result {
	m := d.menus["/certificate"]
	ref, ok := req.arg("numbers")
	if !ok {
		ref, ok = req.arg(".id")
	}
	if !ok {
		return result{err: errMissing("numbers")}
	}
	r := d.find(m, ref)
	if r == nil {
		return result{err: errNoSuchItem()}
	}
	if typ, ok := req.arg("type"); ok && typ != "pem" {
		return result{err: failure("only type=pem is emulated")}
	}
	fn, ok := req.arg("file-name")
	if !ok {
		fn = "cert_export_" + r.vals["name"]
	}
	fn += ".crt"
	contents := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte(r.vals[certDER])}))
	t := d.table("file")
	if f := d.fileByName(fn); f != nil {
		f.vals["contents"] = contents
	} else {
		t.rows = append(t.rows, &row{id: t.alloc(), vals: map[string]string{"name": fn, "contents": contents}})
	}
	return result{}
}

// serviceCertificate is the TLS certificate of the service (api-ssl,
// www-ssl) as bound now, nil when it is bound to none or to a certificate
// without a private key. The caller holds the lock.
func (d *db) serviceCertificate(service string) *tls.Certificate {
	for _, s := range d.table("ip/service").rows {
		if s.vals["name"] != service {
			continue
		}
		r := d.certificateByName(s.vals["certificate"])
		if r == nil || r.vals[certKey] == "" {
			return nil
		}
		key, err := x509.ParsePKCS8PrivateKey([]byte(r.vals[certKey]))
		if err != nil {
			return nil
		}
		chain := [][]byte{[]byte(r.vals[certDER])}
		// Like a server with a chain, send the issuers installed on the router.
		for issuer := d.issuerOf(r); issuer != nil && len(chain) < 8; issuer = d.issuerOf(issuer) {
			chain = append(chain, []byte(issuer.vals[certDER]))
		}
		return &tls.Certificate{Certificate: chain, PrivateKey: key}
	}
	return nil
}

// issuerOf is the installed certificate that issued r (not r itself).
func (d *db) issuerOf(r *row) *row {
	c, err := x509.ParseCertificate([]byte(r.vals[certDER]))
	if err != nil || bytes.Equal(c.RawIssuer, c.RawSubject) {
		return nil
	}
	for _, o := range d.table("certificate").rows {
		ic, err := x509.ParseCertificate([]byte(o.vals[certDER]))
		if err == nil && o != r && c.CheckSignatureFrom(ic) == nil {
			return o
		}
	}
	return nil
}
