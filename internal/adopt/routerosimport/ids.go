package routerosimport

import (
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/client"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros/menu"
)

// importID is the most stable ID the resource's import accepts for row: the
// natural key when it is one field (`ether2`, `pool-proxmox`), else
// field=value pairs of the key (`list=LAN,interface=ether5`), and the
// row's .id (`*1A`) only when neither finds exactly this row. Checked with
// the engine's own matching, so the import finds what was read.
func importID(spec *menu.Spec, rows []client.Row, row client.Row) string {
	if spec.Singleton {
		return spec.Path
	}
	id := row[".id"]
	m := map[string]string{}
	var parts []string
	for _, k := range spec.Key {
		f := spec.Field(k)
		v := row[k]
		if v == "" {
			v = f.Default
		}
		if v == "" {
			continue
		}
		if strings.Contains(v, "=") || strings.HasPrefix(v, "*") || strings.TrimSpace(v) != v {
			return id // ImportState would read it otherwise
		}
		m[k] = v
		parts = append(parts, f.AttrName()+"="+v)
	}
	if len(parts) == 0 || spec.ImportMatches(rows, m) != 1 {
		return id
	}
	if len(spec.Key) == 1 {
		return m[spec.Key[0]]
	}
	return strings.Join(parts, ",")
}
