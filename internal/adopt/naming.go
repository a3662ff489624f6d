package adopt

import (
	"strconv"
	"strings"
)

// Ident turns a device's name into an HCL identifier: lower case, runs of
// anything but letters and digits become one "_" (`ether2-vlan-vms-dmz` ->
// `ether2_vlan_vms_dmz`, `10.10.0.1/24` -> `10_10_0_1_24`). A name that
// would start with a digit, or is empty, gets prefix (`ip_10_10_0_1_24`).
func Ident(name, prefix string) string {
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(name) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !ok {
			sep = b.Len() > 0
			continue
		}
		if sep {
			b.WriteByte('_')
			sep = false
		}
		b.WriteRune(r)
	}
	s := b.String()
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		if prefix == "" {
			prefix = "r"
		}
		if s == "" {
			return prefix
		}
		return prefix + "_" + s
	}
	return s
}

// Names hands out unique names per scope (a resource type, the variables):
// the second `bridge_proxmox` of a type becomes `bridge_proxmox_2`. Callers
// take names in a deterministic order, so two runs name alike.
type Names struct{ used map[string]map[string]bool }

// Take returns base, or base_N for the lowest N >= 2 not yet taken in scope.
func (n *Names) Take(scope, base string) string {
	if n.used == nil {
		n.used = map[string]map[string]bool{}
	}
	u := n.used[scope]
	if u == nil {
		u = map[string]bool{}
		n.used[scope] = u
	}
	name := base
	for i := 2; u[name]; i++ {
		name = base + "_" + strconv.Itoa(i)
	}
	u[name] = true
	return name
}
