package proxmoximport

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// PVE's values and property strings, read the way the provider's models
// read them (internal/proxmox values.go, props.go, guest_config.go).

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return fmt.Sprint(v)
}

func toInt(v any) (int64, bool) {
	n, err := strconv.ParseInt(strings.TrimSpace(str(v)), 10, 64)
	return n, err == nil
}

func toFloat(v any) (float64, bool) {
	switch v.(type) {
	case float64, string, json.Number:
		f, err := strconv.ParseFloat(strings.TrimSpace(str(v)), 64)
		return f, err == nil
	}
	return 0, false
}

func toBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x == "1" || x == "true" || x == "yes" || x == "on"
	}
	return false
}

// props is a parsed property string ("local-lvm:vm-100-disk-0,size=8G"),
// the positional value under its default key; order keeps the keys in the
// order PVE printed them.
type props struct {
	m     map[string]string
	order []string
}

func parseProps(s, defaultKey string) props {
	p := props{m: map[string]string{}}
	for _, part := range strings.Split(s, ",") {
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			k, v = defaultKey, part
		}
		if _, dup := p.m[k]; !dup {
			p.order = append(p.order, k)
		}
		p.m[k] = v
	}
	return p
}

func (p props) get(k string) string { return p.m[k] }

func (p props) has(k string) bool { _, ok := p.m[k]; return ok }

// indexedKeys are the sorted N of the keys prefixN in cfg.
func indexedKeys(cfg map[string]any, prefix string) []int {
	var out []int
	for k := range cfg {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			if n, err := strconv.Atoi(rest); err == nil && strconv.Itoa(n) == rest {
				out = append(out, n)
			}
		}
	}
	sort.Ints(out)
	return out
}

// storageOf is the storage of a volume id ("local-lvm:vm-100-disk-0").
func storageOf(volume string) string {
	s, _, ok := strings.Cut(volume, ":")
	if !ok {
		return ""
	}
	return s
}

// splitTags splits PVE's tag list (';', ',' or spaces), sorted.
func splitTags(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' })
	sort.Strings(f)
	return f
}

// description is the config's description without the newline PVE appends.
func description(cfg map[string]any) string {
	return strings.TrimSuffix(str(cfg["description"]), "\n")
}

// sshKeys decodes cloud-init keys as PVE stores them (URL-encoded).
func sshKeys(s string) string {
	if dec, err := url.PathUnescape(s); err == nil {
		s = dec
	}
	return strings.TrimRight(s, "\n")
}
