package proxmoximport

import (
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

// lxcAttrs writes a container as homelab_proxmox_lxc's import reads it back
// (lxcModel.fromAPI): only values that differ from the schema's defaults.
// ostemplate, password and ssh_public_keys are write-only and PVE keeps
// none of them: an import needs none, so none is written.
func lxcAttrs(w *writer) {
	g, cfg := w.g, w.g.cfg
	w.set("node", adopt.String(g.node))
	w.set("vmid", adopt.Number(g.vmid))
	if h := str(cfg["hostname"]); h != "" && h != fmt.Sprintf("CT%d", g.vmid) {
		if !hostnameRe.MatchString(h) {
			w.problem("hostname", "%q is not a DNS host name", h)
		}
		w.set("hostname", adopt.String(h))
	}
	if !toBool(cfg["unprivileged"]) {
		w.set("unprivileged", adopt.Bool(false))
	}
	if n, ok := toInt(cfg["cores"]); ok {
		w.set("cores", adopt.Number(n))
	}
	if f, ok := toFloat(cfg["cpulimit"]); ok {
		w.set("cpulimit", adopt.Float(f))
	}
	for _, k := range []string{"memory", "swap"} {
		if n, ok := toInt(cfg[k]); ok && n != 512 {
			w.set(k, adopt.Number(n))
		}
	}
	w.rootfs()
	w.mountPoints()
	w.lxcNetworks()
	w.dns()
	w.features()
	w.common()
	w.unmanagedKeys(lxcKeys, "homelab_proxmox_lxc")
}

func (w *writer) rootfs() {
	rf := str(w.g.cfg["rootfs"])
	if rf == "" {
		w.problem("rootfs", "the container has no root disk, which homelab_proxmox_lxc requires")
		return
	}
	p := parseProps(rf, "volume")
	st, size := storageOf(p.get("volume")), p.get("size")
	if !storageIDRe.MatchString(st) || !sizeOK(size) {
		w.problem("rootfs", "volume %q of size %q is not a storage volume with a size the provider accepts", p.get("volume"), size)
	}
	w.set("rootfs", adopt.Object{{Name: "storage", Value: adopt.String(st)}, {Name: "size", Value: adopt.String(size)}})
	w.unmanagedProps("rootfs", p, "volume", "size")
}

func (w *writer) mountPoints() {
	var list adopt.Objects
	paths := map[string]bool{}
	for _, i := range indexedKeys(w.g.cfg, "mp") {
		key := "mp" + strconv.Itoa(i)
		p := parseProps(str(w.g.cfg[key]), "volume")
		vol, path := p.get("volume"), p.get("mp")
		var o adopt.Object
		if strings.HasPrefix(vol, "/") {
			o = append(o, adopt.Attr{Name: "volume", Value: adopt.String(vol)})
		} else {
			st, size := storageOf(vol), p.get("size")
			if !storageIDRe.MatchString(st) || !sizeOK(size) {
				w.problem(key, "volume %q of size %q is neither a host path nor a storage volume with a size", vol, size)
			}
			o = append(o, adopt.Attr{Name: "storage", Value: adopt.String(st)}, adopt.Attr{Name: "size", Value: adopt.String(size)})
		}
		if !mountPathRe.MatchString(path) || path == "/" || paths[path] {
			w.problem(key, "mount path %q is not one the provider accepts (absolute, not /, once)", path)
		}
		paths[path] = true
		o = append(o, adopt.Attr{Name: "path", Value: adopt.String(path)})
		if p.get("ro") == "1" {
			o = append(o, adopt.Attr{Name: "read_only", Value: adopt.Bool(true)})
		}
		if p.get("backup") == "1" {
			o = append(o, adopt.Attr{Name: "backup", Value: adopt.Bool(true)})
		}
		list = append(list, o)
		w.unmanagedProps(key, p, "volume", "mp", "size", "ro", "backup")
	}
	if len(list) > 0 {
		w.set("mount_point", list)
	}
}

func (w *writer) lxcNetworks() {
	var list adopt.Objects
	names := map[string]bool{}
	for _, i := range indexedKeys(w.g.cfg, "net") {
		key := "net" + strconv.Itoa(i)
		p := parseProps(str(w.g.cfg[key]), "name")
		name, bridge := p.get("name"), p.get("bridge")
		if !ifaceRe.MatchString(name) || !ifaceRe.MatchString(bridge) || names[name] {
			w.problem(key, "interface %q on bridge %q: names the provider does not accept (or twice)", name, bridge)
		}
		names[name] = true
		o := adopt.Object{{Name: "name", Value: adopt.String(name)}, {Name: "bridge", Value: adopt.String(bridge)}}
		o = w.tag(o, key, p)
		for _, k := range []string{"ip", "gw", "ip6", "gw6"} {
			if v := p.get(k); v != "" {
				o = append(o, adopt.Attr{Name: k, Value: adopt.String(v)})
			}
		}
		if p.get("gw") != "" && !staticIP(p.get("ip")) || p.get("gw6") != "" && !staticIP(p.get("ip6")) {
			w.problem(key, "a gateway without a static address, which the provider refuses")
		}
		for _, k := range []string{"ip", "ip6"} {
			if v := p.get(k); v != "" && v != "dhcp" && v != "manual" && v != "auto" && !staticIP(v) {
				w.problem(key, "%s %q is not an address with a prefix length", k, v)
			}
		}
		if p.get("firewall") == "1" {
			o = append(o, adopt.Attr{Name: "firewall", Value: adopt.Bool(true)})
		}
		if v := p.get("mtu"); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 64 || n > 65535 {
				w.problem(key, "mtu %q outside 64-65535", v)
			}
			o = append(o, adopt.Attr{Name: "mtu", Value: adopt.Number(n)})
		}
		o = w.mac(o, key, "hwaddr", p.get("hwaddr"))
		list = append(list, o)
		w.unmanagedProps(key, p, "name", "bridge", "tag", "ip", "gw", "ip6", "gw6", "firewall", "mtu", "hwaddr", "type")
	}
	if len(list) > 0 {
		w.set("network", list)
	}
}

// tag adds a NIC's VLAN tag.
func (w *writer) tag(o adopt.Object, key string, p props) adopt.Object {
	v := p.get("tag")
	if v == "" {
		return o
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 || n > 4094 {
		w.problem(key, "VLAN tag %q outside 1-4094", v)
	}
	return append(o, adopt.Attr{Name: "tag", Value: adopt.Number(n)})
}

// mac adds a NIC's MAC address: PVE generated it, but a guest rebuilt from
// this configuration keeps it, and with it its DHCP lease.
func (w *writer) mac(o adopt.Object, key, attr, mac string) adopt.Object {
	if mac == "" {
		return o
	}
	if !macRe.MatchString(mac) {
		w.problem(key, "MAC address %q", mac)
	}
	return append(o, adopt.Attr{Name: attr, Value: adopt.String(mac)})
}

func (w *writer) features() {
	f := str(w.g.cfg["features"])
	if f == "" {
		return
	}
	p := parseProps(f, "")
	var o adopt.Object
	for _, k := range []string{"nesting", "keyctl", "fuse"} {
		if p.get(k) == "1" {
			o = append(o, adopt.Attr{Name: k, Value: adopt.Bool(true)})
		}
	}
	if mt := p.get("mount"); mt != "" {
		fs := strings.Split(mt, ";")
		sort.Strings(fs)
		o = append(o, adopt.Attr{Name: "mount", Value: stringList(fs)})
	}
	w.set("features", o)
	w.unmanagedProps("features", p, "nesting", "keyctl", "fuse", "mount")
}

// dns writes nameserver and searchdomain (for a VM, in cloud_init).
func (w *writer) dns() {
	if v := str(w.g.cfg["nameserver"]); v != "" {
		if !nameservers(v) {
			w.problem("nameserver", "%q is not a list of IP addresses", v)
		}
		w.set("nameserver", adopt.String(v))
	}
	if v := str(w.g.cfg["searchdomain"]); v != "" {
		if !hostnameRe.MatchString(v) {
			w.problem("searchdomain", "%q is not a domain name", v)
		}
		w.set("searchdomain", adopt.String(v))
	}
}

// nameservers reports whether s is a list of IP addresses.
func nameservers(s string) bool {
	for _, f := range strings.Fields(s) {
		if _, err := netip.ParseAddr(f); err != nil {
			return false
		}
	}
	return true
}
