package proxmoximport

import (
	"fmt"
	"strings"
)

// notImported lists what the cluster holds that no imported resource
// describes: storages, HA resources, other listing entries, and the
// write-only values PVE does not return.
func (b *builder) notImported() {
	for _, s := range b.cl.storages {
		b.skip("/storage", s.id, "", fmt.Sprintf("a %s storage (on %s): not imported by homelab-import yet; "+
			"import it as homelab_proxmox_storage by its id", s.typ, strings.Join(s.nodes, ", ")))
	}
	if len(b.cl.storages) > 0 {
		b.skip("/nodes/{node}/storage/{storage}/content", "", "", "not read (one request per storage and node): "+
			"CT template files can be imported one by one as homelab_proxmox_lxc_template")
	}
	for _, g := range b.cl.guests {
		if ha := str(g.entry["hastate"]); ha != "" {
			b.skip("/cluster/ha/resources", g.describe(), "", "an HA resource (state "+ha+"): not managed by the provider yet; left as it is")
		}
	}
	for _, e := range b.cl.others {
		b.skip("/cluster/resources", str(e["id"]), "", fmt.Sprintf("a %s entry: not managed by the provider", str(e["type"])))
	}
	var lxc, vm bool
	for _, r := range b.res.Resources {
		lxc = lxc || r.Type == typeLXC
		vm = vm || r.Type == typeVM
	}
	if lxc {
		b.skip("/nodes/{node}/lxc", "", "ostemplate, password, ssh_public_keys", "write-only: taken at creation, never returned by PVE; "+
			"an import needs none of them, so none is written (or asked for as a variable)")
	}
	if vm {
		b.skip("/nodes/{node}/qemu", "", "clone, cloud_init.password", "write-only: PVE does not record the clone source and "+
			"returns the password masked; an import needs neither, so neither is written (or asked for as a variable)")
	}
}
