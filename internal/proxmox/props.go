package proxmox

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// propString is a parsed PVE property string such as
// "local-lvm:vm-100-disk-0,size=8G": the positional (default-key) value is
// stored under defaultKey.
type propString map[string]string

func parseProps(s, defaultKey string) propString {
	p := propString{}
	for part := range strings.SplitSeq(s, ",") {
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			p[defaultKey] = part
			continue
		}
		p[k] = v
	}
	return p
}

// printProps prints keys in the given order first, then the rest sorted;
// first is printed without key= when positional is true.
func printProps(p propString, positional string, order ...string) string {
	var parts []string
	seen := map[string]bool{}
	if positional != "" {
		if v, ok := p[positional]; ok {
			parts = append(parts, v)
		}
		seen[positional] = true
	}
	for _, k := range order {
		if v, ok := p[k]; ok && !seen[k] {
			parts = append(parts, k+"="+v)
		}
		seen[k] = true
	}
	var rest []string
	for k := range p {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		parts = append(parts, k+"="+p[k])
	}
	return strings.Join(parts, ",")
}

var sizeRe = regexp.MustCompile(`^(\d+(?:\.\d+)?)([KMGT]?)$`)

// parseSize converts a PVE disk size ("8G", "512M", "1.5T", "1024K", bytes)
// to bytes.
func parseSize(s string) (int64, error) {
	m := sizeRe.FindStringSubmatch(strings.TrimSpace(strings.ToUpper(s)))
	if m == nil {
		return 0, fmt.Errorf("%q is not a size such as \"8G\", \"512M\" or \"1T\"", s)
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, err
	}
	mult := map[string]float64{"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}[m[2]]
	return int64(f * mult), nil
}

// gib formats bytes as the GiB number PVE's `STORAGE:SIZE` allocation syntax
// takes ("8", "0.5").
func gib(b int64) string {
	return strconv.FormatFloat(float64(b)/float64(1<<30), 'f', -1, 64)
}

// sizeForResize formats bytes for PUT .../resize: whole GiB as "8G", otherwise
// MiB or KiB.
func sizeForResize(b int64) string {
	switch {
	case b%(1<<30) == 0:
		return strconv.FormatInt(b>>30, 10) + "G"
	case b%(1<<20) == 0:
		return strconv.FormatInt(b>>20, 10) + "M"
	default:
		return strconv.FormatInt((b+1023)>>10, 10) + "K"
	}
}

// splitTags splits PVE's tag list (separated by ';', ',' or spaces).
func splitTags(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' })
	sort.Strings(f)
	return f
}

// storageOf returns the storage of a volume id ("local-lvm:vm-100-disk-0").
func storageOf(volume string) string {
	s, _, ok := strings.Cut(volume, ":")
	if !ok {
		return ""
	}
	return s
}

// pveSize is the size PVE reports (its own spelling); when it reports none,
// the prior value stands.
func pveSize(pve string, prior sizeValue) sizeValue {
	if pve == "" {
		return prior
	}
	return sizeOf(pve)
}

func strProp(p propString, k string) types.String {
	if v, ok := p[k]; ok && v != "" {
		return types.StringValue(v)
	}
	return types.StringNull()
}

func intProp(p propString, k string) types.Int64 {
	if v, ok := p[k]; ok {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return types.Int64Value(n)
		}
	}
	return types.Int64Null()
}

// indexedKeys returns the sorted N of keys prefixN present in cfg.
func indexedKeys(cfg map[string]any, prefix string) []int {
	var out []int
	for k := range cfg {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			if n, err := strconv.Atoi(rest); err == nil {
				out = append(out, n)
			}
		}
	}
	sort.Ints(out)
	return out
}
