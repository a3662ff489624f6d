package proxmoximport

import (
	"sort"
	"strconv"
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

// nicModels are the NIC models homelab_proxmox_vm reads.
var nicModels = []string{"virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"}

// vmAttrs writes a VM as homelab_proxmox_vm's import reads it back
// (vmModel.fromAPI): only values that differ from the schema's defaults.
// clone and cloud_init.password are write-only and PVE returns neither: an
// import needs neither, so neither is written.
func vmAttrs(w *writer) {
	g, cfg := w.g, w.g.cfg
	w.set("node", adopt.String(g.node))
	w.set("vmid", adopt.Number(g.vmid))
	name := str(cfg["name"])
	if !hostnameRe.MatchString(name) {
		w.problem("name", "the VM's name %q is not a DNS name, which homelab_proxmox_vm requires", name)
	}
	w.set("name", adopt.String(name))
	for _, k := range []string{"cores", "sockets"} {
		if n, ok := toInt(cfg[k]); ok && n != 1 {
			w.set(k, adopt.Number(n))
		}
	}
	if mem := str(cfg["memory"]); mem != "" {
		p := parseProps(mem, "current")
		if n, err := strconv.ParseInt(p.get("current"), 10, 64); err == nil && n != 512 {
			w.set("memory", adopt.Number(n))
		}
		w.unmanagedProps("memory", p, "current")
	}
	if cpu := str(cfg["cpu"]); cpu != "" {
		p := parseProps(cpu, "cputype")
		if t := p.get("cputype"); t != "" {
			if !cpuTypeRe.MatchString(t) {
				w.problem("cpu", "CPU type %q", t)
			}
			w.set("cpu_type", adopt.String(t))
		}
		w.unmanagedProps("cpu", p, "cputype")
	}
	w.disks()
	nics := w.vmNetworks()
	ci := w.cloudInit(nics)
	if a := str(cfg["agent"]); a != "" {
		p := parseProps(a, "enabled")
		if p.get("enabled") == "1" {
			w.set("agent", adopt.Bool(true))
		}
		w.unmanagedProps("agent", p, "enabled")
	}
	if b := str(cfg["boot"]); b != "" {
		if bootRe.MatchString(b) {
			w.set("boot", adopt.String(b))
		} else {
			w.skip("boot", "%q is not the order=... form the provider writes; kept as it is (boot is computed)", b)
		}
	}
	w.common()
	var extra []string
	if ci {
		extra = cloudInitKeys
	}
	w.unmanagedKeys(vmKeys, "homelab_proxmox_vm", extra...)
}

// disks writes the disks the import reads: every scsi/virtio/sata slot but
// CD-ROMs and cloud-init drives, in the order of their slot names.
func (w *writer) disks() {
	var slots []string
	for k, v := range w.g.cfg {
		if !diskSlotRe.MatchString(k) {
			continue
		}
		switch s := str(v); {
		case strings.Contains(s, "media=cdrom"):
			w.skip(k, "a CD-ROM drive: not managed by homelab_proxmox_vm; left as it is")
		case strings.Contains(s, "cloudinit"):
			w.skip(k, "a cloud-init drive on %s: homelab_proxmox_vm's cloud_init uses ide2; left as it is", k)
		default:
			slots = append(slots, k)
		}
	}
	sort.Strings(slots)
	var list adopt.Objects
	for _, s := range slots {
		p := parseProps(str(w.g.cfg[s]), "volume")
		st, size := storageOf(p.get("volume")), p.get("size")
		if !storageIDRe.MatchString(st) || !sizeOK(size) {
			w.problem(s, "volume %q of size %q is not a storage volume with a size the provider accepts", p.get("volume"), size)
		}
		list = append(list, adopt.Object{{Name: "slot", Value: adopt.String(s)}, {Name: "storage", Value: adopt.String(st)},
			{Name: "size", Value: adopt.String(size)}})
		w.unmanagedProps(s, p, "volume", "size")
	}
	if len(list) > 0 {
		w.set("disk", list)
	}
}

// vmNetworks writes the NICs and returns how many there are.
func (w *writer) vmNetworks() int {
	var list adopt.Objects
	for _, i := range indexedKeys(w.g.cfg, "net") {
		key := "net" + strconv.Itoa(i)
		p := parseProps(str(w.g.cfg[key]), "")
		model, mac := "", ""
		for _, m := range nicModels {
			if p.has(m) {
				model, mac = m, p.get(m)
			}
		}
		bridge := p.get("bridge")
		if !ifaceRe.MatchString(bridge) {
			w.problem(key, "bridge %q", bridge)
		}
		var o adopt.Object
		if model != "" && model != "virtio" {
			o = append(o, adopt.Attr{Name: "model", Value: adopt.String(model)})
		}
		o = append(o, adopt.Attr{Name: "bridge", Value: adopt.String(bridge)})
		o = w.tag(o, key, p)
		if p.get("firewall") == "1" {
			o = append(o, adopt.Attr{Name: "firewall", Value: adopt.Bool(true)})
		}
		o = w.mac(o, key, "macaddr", mac)
		list = append(list, o)
		w.unmanagedProps(key, p, append([]string{"bridge", "tag", "firewall"}, nicModels...)...)
	}
	if len(list) > 0 {
		w.set("network", list)
	}
	return len(list)
}

// cloudInit writes cloud_init when the VM has its drive on ide2, and
// reports whether it has.
func (w *writer) cloudInit(nics int) bool {
	cfg := w.g.cfg
	drive := str(cfg["ide2"])
	if !strings.Contains(drive, "cloudinit") {
		return false
	}
	st := storageOf(parseProps(drive, "volume").get("volume"))
	if !storageIDRe.MatchString(st) {
		w.problem("ide2", "the cloud-init drive %q is not on a storage", drive)
	}
	o := adopt.Object{{Name: "storage", Value: adopt.String(st)}}
	if u := str(cfg["ciuser"]); u != "" {
		o = append(o, adopt.Attr{Name: "user", Value: adopt.String(u)})
	}
	if _, ok := cfg["cipassword"]; ok {
		w.skip("cipassword", "cloud_init.password is write-only and PVE returns it masked: not written, an import needs none "+
			"(to set it, add it with cloud_init.password_version)")
	}
	if k := str(cfg["sshkeys"]); k != "" {
		keys := sshKeys(k)
		if !sshKeysOK(keys) {
			w.problem("sshkeys", "not OpenSSH public keys, one a line")
		}
		// Public keys, not a secret: written as they are.
		o = append(o, adopt.Attr{Name: "ssh_keys", Value: adopt.String(keys)})
	}
	var ips adopt.Objects
	for _, i := range indexedKeys(cfg, "ipconfig") {
		for len(ips) < i {
			ips = append(ips, adopt.Object{})
		}
		key := "ipconfig" + strconv.Itoa(i)
		p := parseProps(str(cfg[key]), "")
		var ip adopt.Object
		for _, k := range []string{"ip", "gw", "ip6", "gw6"} {
			if v := p.get(k); v != "" {
				ip = append(ip, adopt.Attr{Name: k, Value: adopt.String(v)})
			}
		}
		if p.get("gw") != "" && !staticIP(p.get("ip")) {
			w.problem(key, "a gateway without a static address, which the provider refuses")
		}
		ips = append(ips, ip)
		w.unmanagedProps(key, p, "ip", "gw", "ip6", "gw6")
	}
	if len(ips) > 0 {
		if nics > 0 && len(ips) > nics {
			w.problem("ipconfig", "%d ip configurations for %d NICs, which the provider refuses", len(ips), nics)
		}
		o = append(o, adopt.Attr{Name: "ip_config", Value: ips})
	}
	if v := str(cfg["nameserver"]); v != "" {
		if !nameservers(v) {
			w.problem("nameserver", "%q is not a list of IP addresses", v)
		}
		o = append(o, adopt.Attr{Name: "nameserver", Value: adopt.String(v)})
	}
	if v := str(cfg["searchdomain"]); v != "" {
		if !hostnameRe.MatchString(v) {
			w.problem("searchdomain", "%q is not a domain name", v)
		}
		o = append(o, adopt.Attr{Name: "searchdomain", Value: adopt.String(v)})
	}
	w.set("cloud_init", o)
	return true
}
