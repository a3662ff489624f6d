package vaultimport

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

const (
	file          = "vault-pki.tf"
	typeMount     = "homelab_vault_pki_mount"
	typeRoot      = "homelab_vault_pki_root_ca"
	typeInter     = "homelab_vault_pki_intermediate_ca"
	typeURLs      = "homelab_vault_pki_config_urls"
	typeRole      = "homelab_vault_pki_role"
	typeLeafCerts = "homelab_vault_pki_certificate"
)

// builder turns what was read into resources in two passes: the first
// decides what becomes a resource and names it (so references resolve), the
// second writes the attributes.
type builder struct {
	lab    *lab
	res    *adopt.Result
	names  adopt.Names
	mounts map[string]*adopt.Resource // by mount path
	cas    map[*issuer]*ca
}

func build(l *lab) *adopt.Result {
	b := &builder{lab: l, res: &adopt.Result{System: "Vault"}, mounts: map[string]*adopt.Resource{}, cas: map[*issuer]*ca{}}
	for _, s := range providerSettings {
		b.names.Take("variable", "vault_"+s.attr)
	}
	for _, m := range l.pki {
		for _, is := range m.issuers {
			b.classify(m, is)
		}
	}
	order := b.mountOrder()
	for _, m := range order {
		b.mounts[m.path] = &adopt.Resource{Type: typeMount, Name: b.names.Take(typeMount, adopt.Ident(m.path, "pki")),
			File: file, ImportID: m.path}
		for _, is := range m.issuers {
			if c := b.cas[is]; c != nil {
				base := is.name
				if base == "" {
					base = m.path
				}
				c.r = &adopt.Resource{Type: c.typ, Name: b.names.Take(c.typ, adopt.Ident(base, "ca")), File: file,
					ImportID: m.path + "/issuer/" + is.id}
			}
		}
	}
	for _, m := range order {
		b.mount(m)
	}
	b.others()
	b.leftovers()
	return b.res
}

// mountOrder puts each mount after the mount that signs its CA, then by path.
func (b *builder) mountOrder() []*mount {
	depth := map[*mount]int{}
	var of func(m *mount, seen int) int
	of = func(m *mount, seen int) int {
		if d, ok := depth[m]; ok || seen > len(b.lab.pki) {
			return d
		}
		d := 0
		for _, is := range m.issuers {
			if c := b.cas[is]; c != nil && c.signerMount != nil {
				d = max(d, of(c.signerMount, seen+1)+1)
			}
		}
		depth[m] = d
		return d
	}
	out := append([]*mount(nil), b.lab.pki...)
	for _, m := range out {
		of(m, 0)
	}
	sort.SliceStable(out, func(i, j int) bool { return depth[out[i]] < depth[out[j]] })
	return out
}

// mount writes a mount and what lives in it: its CAs, URLs and roles.
func (b *builder) mount(m *mount) {
	r := b.mounts[m.path]
	r.Attrs = append(r.Attrs, adopt.Attr{Name: "path", Value: adopt.String(m.path)})
	if d := str(m.data["description"]); d != "" {
		r.Attrs = append(r.Attrs, adopt.Attr{Name: "description", Value: adopt.String(d)})
	}
	cfg, _ := m.data["config"].(map[string]any)
	for _, f := range []string{"default_lease_ttl", "max_lease_ttl"} {
		if secs := int64Of(cfg[f]); secs > 0 {
			r.Attrs = append(r.Attrs, adopt.Attr{Name: f, Value: adopt.String(formatTTL(secs))})
		}
	}
	b.add(r)
	b.unmanaged("sys/mounts", m.path, mountRules.unmanaged(m.data),
		"not managed by homelab_vault_pki_mount; left as it is (the provider tunes only description and the lease TTLs)")
	for _, is := range m.issuers {
		if c := b.cas[is]; c != nil {
			b.ca(c)
		}
	}
	b.urls(m)
	for _, ro := range m.roles {
		b.role(m, ro)
	}
	b.skip(m.path+"/config", "crl, cluster, acme, auto-tidy", "", "not managed by the provider yet: not read, left as they are")
}

func (b *builder) urls(m *mount) {
	menu := m.path + "/config/urls"
	var attrs []adopt.Attr
	for _, f := range urlsRules.known {
		if l := strList(m.urls[f]); len(l) > 0 {
			attrs = append(attrs, adopt.Attr{Name: f, Value: stringList(l)})
		}
	}
	b.unmanaged(menu, m.path, urlsRules.unmanaged(m.urls), "not managed by "+typeURLs+" yet; left as it is")
	if len(attrs) == 0 {
		b.skip(menu, m.path, "", "every URL is empty (Vault's default)")
		return
	}
	b.add(&adopt.Resource{Type: typeURLs, Name: b.names.Take(typeURLs, adopt.Ident(m.path, "pki")), File: file,
		ImportID: menu, Attrs: append([]adopt.Attr{b.mountRef(m)}, attrs...)})
}

// mountRef is the mount attribute of a resource living in m.
func (b *builder) mountRef(m *mount) adopt.Attr {
	return adopt.Attr{Name: "mount", Value: adopt.Ref(b.mounts[m.path].Address() + ".path")}
}

// others lists the secrets engines that are not PKI.
func (b *builder) others() {
	for _, o := range b.lab.others {
		why := fmt.Sprintf("a %s secrets engine: the provider manages PKI only", o.typ)
		if o.typ == "system" || o.typ == "identity" || o.typ == "cubbyhole" {
			why = "builtin: part of Vault"
		}
		b.skip("sys/mounts", o.path, "", why)
	}
}

// leftovers lists the keys no issuer uses and the issued certificates.
func (b *builder) leftovers() {
	caSerials := map[string]bool{}
	for _, m := range b.lab.pki {
		for _, is := range m.issuers {
			caSerials[serial(is.cert.SerialNumber)] = true
		}
	}
	for _, m := range b.lab.pki {
		used := map[string]bool{}
		for _, is := range m.issuers {
			used[is.keyID] = true
		}
		for _, k := range m.keys {
			if !used[k.id] {
				name := k.id
				if k.name != "" {
					name = k.name + " (" + k.id + ")"
				}
				b.skip(m.path+"/keys", name, "", "a key no issuer uses (e.g. left by an unfinished intermediate CSR): no resource manages it")
			}
		}
		for _, s := range m.certs {
			if !caSerials[s] {
				b.skip(m.path+"/certs", s, "", "an issued certificate: not imported, since "+typeLeafCerts+
					" issues a new certificate and keeps the private key Vault returns only then; this one stays valid until it expires or is revoked")
			}
		}
	}
}

func (b *builder) add(r *adopt.Resource) { b.res.Resources = append(b.res.Resources, r) }

func (b *builder) skip(menu, obj, field, why string) {
	b.res.Skipped = append(b.res.Skipped, adopt.Skipped{Menu: menu, Object: obj, Field: field, Reason: why})
}

func (b *builder) unexpressed(menu, obj, field, why string) {
	b.res.Unexpressed = append(b.res.Unexpressed, adopt.Skipped{Menu: menu, Object: obj, Field: field, Reason: why})
}

func (b *builder) unmanaged(menu, obj string, settings []setting, why string) {
	for _, s := range settings {
		b.skip(menu, obj, s.field, fmt.Sprintf("%s (Vault holds %s)", why, s.value))
	}
}

// serial formats a serial number as Vault lists it: colon-separated hex pairs.
func serial(n *big.Int) string {
	var parts []string
	for _, x := range n.Bytes() {
		parts = append(parts, fmt.Sprintf("%02x", x))
	}
	return strings.Join(parts, ":")
}

func stringList(l []string) adopt.Tuple {
	t := make(adopt.Tuple, len(l))
	for i, s := range l {
		t[i] = adopt.String(s)
	}
	return t
}
