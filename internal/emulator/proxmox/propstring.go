package proxmox

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// parsePropertyString parses "default,k=v,..." against a property-string
// schema, resolving aliases (volume=x is file=x; virtio=MAC is
// model=virtio,macaddr=MAC). It returns an error text on syntax errors.
func parsePropertyString(p *paramSchema, v string) (map[string]string, string) {
	kv := map[string]string{}
	defaultKey := ""
	for k, s := range p.subSchema {
		if s.DefaultKey != 0 {
			defaultKey = k
		}
	}
	for _, part := range strings.Split(v, ",") {
		if part == "" {
			continue
		}
		k, val, hasEq := strings.Cut(part, "=")
		if !hasEq {
			if defaultKey == "" {
				return nil, "value without key, but schema does not define a default key"
			}
			if _, dup := kv[defaultKey]; dup {
				return nil, fmt.Sprintf("duplicate key in comma-separated list property: %s", defaultKey)
			}
			kv[defaultKey] = part
			continue
		}
		if s := p.subSchema[k]; s != nil && s.Alias != "" {
			if s.KeyAlias != "" {
				kv[s.KeyAlias] = k
			}
			k = s.Alias
		}
		if _, dup := kv[k]; dup {
			return nil, fmt.Sprintf("duplicate key in comma-separated list property: %s", k)
		}
		kv[k] = val
	}
	return kv, ""
}

// printPropertyString prints like PVE's print_property_string: the default
// key first without "k=", then required keys, then the others, each sorted.
func printPropertyString(p *paramSchema, kv map[string]string) string {
	var def string
	var req, opt []string
	for k := range kv {
		s := p.subSchema[k]
		switch {
		case s != nil && s.DefaultKey != 0:
			def = k
		case s != nil && s.Optional == 0:
			req = append(req, k)
		default:
			opt = append(opt, k)
		}
	}
	sort.Strings(req)
	sort.Strings(opt)
	var parts []string
	if def != "" {
		parts = append(parts, kv[def])
	}
	for _, k := range append(req, opt...) {
		parts = append(parts, k+"="+kv[k])
	}
	return strings.Join(parts, ",")
}

// splitTags splits a tag list on ",", ";" and whitespace.
func splitTags(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
}

// normaliseTags is pve-guest-common's get_unique_tags with the datacenter
// defaults (case-insensitive, sorted): lower-cased, deduplicated, sorted,
// joined with ";".
func normaliseTags(v string) string {
	seen := map[string]bool{}
	var out []string
	for _, t := range splitTags(v) {
		t = strings.ToLower(t)
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ";")
}

// parseSize parses PVE's disk-size ("8G", "512M", "1.5T", bytes without
// unit) into bytes.
func parseSize(v string) (int64, bool) {
	if !reDiskSize.MatchString(v) {
		return 0, false
	}
	mult := int64(1)
	switch v[len(v)-1] {
	case 'K':
		mult = 1 << 10
	case 'M':
		mult = 1 << 20
	case 'G':
		mult = 1 << 30
	case 'T':
		mult = 1 << 40
	}
	if mult != 1 {
		v = v[:len(v)-1]
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, false
	}
	return int64(f * float64(mult)), true
}

// formatSize is pve-common's format_size: the largest unit that divides the
// size exactly.
func formatSize(b int64) string {
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"T", 1 << 40}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}} {
		if b >= u.mult && b%u.mult == 0 {
			return strconv.FormatInt(b/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(b, 10)
}
