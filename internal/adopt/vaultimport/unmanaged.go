package vaultimport

import (
	"sort"
	"strings"
)

// rules say, for one kind of Vault object, which fields the provider's
// resource holds (or Vault computes) and what Vault's default is for the
// others: a field outside both holding anything but its default is a setting
// the configuration cannot carry, listed in the report.
type rules struct {
	known    []string          // managed by the resource, or computed by Vault
	defaults map[string]string // render() of Vault's default, where it is not empty
}

type setting struct{ field, value string }

// unmanaged returns the settings of data the resource does not manage and
// that differ from Vault's default, sorted by field. Nested objects (a
// mount's config) are flattened to config.field.
func (r rules) unmanaged(data map[string]any) []setting {
	var out []setting
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			name := prefix + k
			if contains(r.known, name) {
				continue
			}
			if sub, ok := v.(map[string]any); ok && contains(r.known, name+".*") {
				walk(name+".", sub)
				continue
			}
			if isZero(v) {
				continue
			}
			if d, ok := r.defaults[name]; ok && matchDefault(d, render(v)) {
				continue
			}
			out = append(out, setting{name, render(v)})
		}
	}
	walk("", data)
	sort.Slice(out, func(i, j int) bool { return out[i].field < out[j].field })
	return out
}

// matchDefault: a default may list alternatives, "256|384" (Vault derives
// some defaults from the key).
func matchDefault(def, v string) bool {
	for _, d := range strings.Split(def, "|") {
		if d == v {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mountRules: homelab_vault_pki_mount holds description and the two lease
// TTLs; the rest of sys/mounts is Vault's bookkeeping or unmanaged tuning.
var mountRules = rules{
	known: []string{"type", "description", "accessor", "uuid", "running_plugin_version", "running_sha256",
		"deprecation_status", "config.*", "config.default_lease_ttl", "config.max_lease_ttl"},
}

// issuerRules: the CA resources hold the issuer's certificate, name and key;
// revocation_signature_algorithm defaults to one derived from the key.
var issuerRules = rules{
	known: []string{"issuer_id", "issuer_name", "key_id", "certificate", "ca_chain", "revocation_time", "revocation_time_rfc3339"},
	defaults: map[string]string{
		"leaf_not_after_behavior":        "err",
		"usage":                          "crl-signing,issuing-certificates,ocsp-signing,read-only",
		"revocation_signature_algorithm": "SHA256WithRSA|ECDSAWithSHA256|ECDSAWithSHA384|ECDSAWithSHA512|PureEd25519",
	},
}

// urlsRules: homelab_vault_pki_config_urls holds the three URL lists.
var urlsRules = rules{known: []string{"issuing_certificates", "crl_distribution_points", "ocsp_servers"}}

// roleRules: the attributes of homelab_vault_pki_role; the defaults are what
// Vault 1.21 reads back for a role written with none of these fields.
var roleRules = rules{
	known: []string{"issuer_ref", "allowed_domains", "allow_subdomains", "allow_bare_domains", "allow_glob_domains",
		"allow_wildcard_certificates", "allow_localhost", "allow_any_name", "allow_ip_sans", "server_flag", "client_flag",
		"ttl", "max_ttl", "key_type", "key_bits", "key_usage", "ext_key_usage"},
	defaults: map[string]string{
		"cn_validations":       "email,hostname",
		"enforce_hostnames":    "true",
		"not_before_duration":  "30",
		"require_cn":           "true",
		"serial_number_source": "json-csr",
		"signature_bits":       "256|384|512",
		"use_csr_common_name":  "true",
		"use_csr_sans":         "true",
	},
}
