package proxmoximport

import (
	"sort"
	"strings"
)

// The config keys each resource reads (managed), and those PVE keeps for
// itself (the config digest, a template's arch and ostype, a VM's
// generation id): any other key a guest holds is left as it is and listed.
var (
	lxcKeys = keys{
		managed: []string{"hostname", "cores", "cpulimit", "memory", "swap", "unprivileged", "onboot", "startup",
			"nameserver", "searchdomain", "description", "tags", "features", "rootfs", "mp*", "net*"},
		pve: []string{"digest", "arch", "ostype", "lock"},
	}
	vmKeys = keys{
		managed: []string{"name", "cores", "sockets", "memory", "cpu", "boot", "description", "agent", "onboot", "tags",
			"net*", "scsi*", "virtio*", "sata*"},
		pve: []string{"digest", "meta", "vmgenid", "smbios1", "lock"},
	}
	// cloudInitKeys are read into cloud_init when the VM has its drive (ide2).
	cloudInitKeys = []string{"ide2", "ciuser", "cipassword", "sshkeys", "ipconfig*", "nameserver", "searchdomain"}
)

type keys struct{ managed, pve []string }

func match(patterns []string, k string) bool {
	for _, p := range patterns {
		if p == k {
			return true
		}
		if pre, ok := strings.CutSuffix(p, "*"); ok && strings.HasPrefix(k, pre) && len(k) > len(pre) && isDigits(k[len(pre):]) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// unmanagedKeys lists the guest's config keys the resource does not read.
// They stay as they are: the provider's updates send only the keys of
// attributes that change.
func (w *writer) unmanagedKeys(k keys, typ string, extra ...string) {
	var out []string
	for key := range w.g.cfg {
		if !match(k.managed, key) && !match(k.pve, key) && !match(extra, key) {
			out = append(out, key)
		}
	}
	sort.Strings(out)
	for _, key := range out {
		if strings.Contains(str(w.g.cfg[key]), "media=cdrom") {
			w.skip(key, "a CD-ROM drive: not managed by %s; left as it is", typ)
			continue
		}
		w.skip(key, "not managed by %s yet; left as it is", typ)
	}
}

// unmanagedProps lists the properties of a property-string key (rootfs,
// net0, scsi0) the resource does not read: they stay as they are unless
// that attribute is changed through the provider, which writes the key
// with the managed properties only.
func (w *writer) unmanagedProps(key string, p props, managed ...string) {
	for _, k := range p.order {
		known := false
		for _, m := range managed {
			known = known || m == k
		}
		if !known {
			w.skip(key+"."+k, "not managed by the provider yet (%s=%s); kept until %s is changed through the provider", k, p.get(k), key)
		}
	}
}
