package proxmox

import "strings"

// Descriptions are stored as "#" comment lines at the top of the guest's
// config file, one per line (split on "\n", so trailing empty lines are
// lost). The two parsers differ when reading them back:
//
//   - pve-container's parse_pct_config appends "\n" to every comment line,
//     so a container's description comes back with a trailing newline;
//   - qemu-server's parse_vm_config strips trailing whitespace (s/\s+$//),
//     so a VM's description comes back without one (nor trailing spaces).

// descriptionIn is the description as the config file keeps it.
func descriptionIn(typ, v string) string {
	if typ == "qemu" {
		return strings.TrimRight(v, " \t\n\r\f\v")
	}
	return strings.TrimRight(v, "\n")
}

// descriptionOut is the stored description as GET .../config returns it.
func descriptionOut(typ, stored string) string {
	if typ == "qemu" {
		return stored
	}
	return stored + "\n"
}
