package vaultimport

import (
	"slices"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

// roleBools are the role's boolean attributes and their schema defaults.
var roleBools = []struct {
	attr string
	def  bool
}{
	{"allow_subdomains", false},
	{"allow_bare_domains", false},
	{"allow_glob_domains", false},
	{"allow_wildcard_certificates", true},
	{"allow_localhost", true},
	{"allow_any_name", false},
	{"allow_ip_sans", true},
	{"server_flag", true},
	{"client_flag", true},
}

// defaultKeyUsage is the schema's default key_usage (Vault's own).
var defaultKeyUsage = []string{"DigitalSignature", "KeyAgreement", "KeyEncipherment"}

// role writes a role: what homelab_vault_pki_role reads back, where it
// differs from the schema's defaults.
func (b *builder) role(m *mount, ro *role) {
	d := ro.data
	obj := m.path + "/roles/" + ro.name
	kt, bits := str(d["key_type"]), int64Of(d["key_bits"])
	if _, ok := keyBits[kt]; !ok || !keyBitsOK(kt, bits) && kt != "any" {
		b.unexpressed(m.path+"/roles", ro.name, "key_type", "key_type and key_bits outside what "+typeRole+" accepts")
		return
	}
	attrs := []adopt.Attr{b.mountRef(m), {Name: "name", Value: adopt.String(ro.name)}}
	if ref := str(d["issuer_ref"]); ref != "default" && ref != "" {
		attrs = append(attrs, adopt.Attr{Name: "issuer_ref", Value: b.issuerRef(m, ref)})
	}
	if l := strList(d["allowed_domains"]); len(l) > 0 {
		attrs = append(attrs, adopt.Attr{Name: "allowed_domains", Value: stringList(l)})
	}
	for _, f := range roleBools {
		if v := boolOf(d[f.attr]); v != f.def {
			attrs = append(attrs, adopt.Attr{Name: f.attr, Value: adopt.Bool(v)})
		}
	}
	for _, f := range []string{"ttl", "max_ttl"} {
		if secs := int64Of(d[f]); secs > 0 {
			attrs = append(attrs, adopt.Attr{Name: f, Value: adopt.String(formatTTL(secs))})
		}
	}
	attrs = append(attrs, keyAttrs(kt, bits)...)
	if l := strList(d["key_usage"]); !slices.Equal(l, defaultKeyUsage) {
		attrs = append(attrs, adopt.Attr{Name: "key_usage", Value: stringList(l)})
	}
	if l := strList(d["ext_key_usage"]); len(l) > 0 {
		attrs = append(attrs, adopt.Attr{Name: "ext_key_usage", Value: stringList(l)})
	}
	b.add(&adopt.Resource{Type: typeRole, Name: b.names.Take(typeRole, adopt.Ident(ro.name, "role")), File: file,
		ImportID: obj, Attrs: attrs})
	b.unmanaged(m.path+"/roles", ro.name, roleRules.unmanaged(d), "not managed by "+typeRole+" yet; left as it is, "+
		"but the provider writes a role whole, so an update of this role through it resets the field to Vault's default")
}

// issuerRef refers to the imported CA a role's issuer_ref names (by ID or by
// name), else keeps it as Vault holds it.
func (b *builder) issuerRef(m *mount, ref string) adopt.Value {
	for _, is := range m.issuers {
		c := b.cas[is]
		switch {
		case c == nil:
		case ref == is.id:
			return adopt.Ref(c.r.Address() + ".issuer_id")
		case ref == is.name:
			return adopt.Ref(c.r.Address() + ".issuer_name")
		}
	}
	return adopt.String(ref)
}
