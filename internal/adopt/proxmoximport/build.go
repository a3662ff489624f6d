package proxmoximport

import (
	"fmt"
	"sort"
	"strings"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

const (
	file     = "proxmox-guests.tf"
	typeLXC  = "homelab_proxmox_lxc"
	typeVM   = "homelab_proxmox_vm"
	typePool = "homelab_proxmox_pool"
)

type builder struct {
	cl    *cluster
	res   *adopt.Result
	names adopt.Names
	pools map[string]string // pool id -> address of its homelab_proxmox_pool
}

func build(cl *cluster) *adopt.Result {
	b := &builder{cl: cl, res: &adopt.Result{System: "Proxmox VE"}, pools: map[string]string{}}
	for _, s := range providerSettings {
		b.names.Take("variable", "proxmox_"+s.attr)
	}
	for _, p := range cl.pools {
		b.pool(p)
	}
	guests := append([]*guest(nil), cl.guests...)
	// Containers first, then VMs, each by VMID.
	sort.SliceStable(guests, func(i, j int) bool { return guests[i].kind == "lxc" && guests[j].kind != "lxc" })
	for _, g := range guests {
		switch {
		case g.template:
			b.skip(g.path(), g.describe(), "", "a template (template: 1): the provider has no resource for guest templates; "+
				"clones name it in `clone.source_vmid`")
		case g.kind == "lxc":
			b.guest(g, typeLXC, lxcAttrs)
		default:
			b.guest(g, typeVM, vmAttrs)
		}
	}
	b.notImported()
	b.res.Graph = graph(cl)
	return b.res
}

// guest writes one guest, or lists it as unexpressed when the resource's
// schema cannot hold what PVE has.
func (b *builder) guest(g *guest, typ string, attrs func(*writer)) {
	w := &writer{g: g}
	w.pools = b.pools
	attrs(w)
	menu := g.path() + "/config"
	for _, p := range w.problems {
		b.res.Unexpressed = append(b.res.Unexpressed, adopt.Skipped{Menu: menu, Object: g.describe(), Field: p.field, Reason: p.why})
	}
	for _, s := range w.skipped {
		b.skip(menu, g.describe(), s.field, s.why)
	}
	if len(w.problems) > 0 {
		return
	}
	base := g.name
	if base == "" {
		base = fmt.Sprintf("%s%d", map[string]string{"lxc": "ct", "qemu": "vm"}[g.kind], g.vmid)
	}
	b.res.Resources = append(b.res.Resources, &adopt.Resource{Type: typ, Name: b.names.Take(typ, adopt.Ident(base, "guest")),
		File: file, ImportID: fmt.Sprintf("%s/%d", g.node, g.vmid), Attrs: w.attrs})
}

// pool writes a resource pool; the guests in it refer to it.
func (b *builder) pool(p pool) {
	switch {
	case !poolIDRe.MatchString(p.id):
		b.res.Unexpressed = append(b.res.Unexpressed, adopt.Skipped{Menu: "/pools", Object: p.id, Field: "pool_id",
			Reason: "not a pool id homelab_proxmox_pool accepts"})
		return
	case strings.ContainsAny(p.comment, "\r\n"):
		b.res.Unexpressed = append(b.res.Unexpressed, adopt.Skipped{Menu: "/pools", Object: p.id, Field: "comment",
			Reason: "a comment of several lines, which homelab_proxmox_pool refuses"})
		return
	}
	r := &adopt.Resource{Type: typePool, Name: b.names.Take(typePool, adopt.Ident(p.id, "pool")), File: file, ImportID: p.id,
		Attrs: []adopt.Attr{{Name: "pool_id", Value: adopt.String(p.id)}}}
	if p.comment != "" {
		r.Attrs = append(r.Attrs, adopt.Attr{Name: "comment", Value: adopt.String(p.comment)})
	}
	b.pools[p.id] = r.Address()
	b.res.Resources = append(b.res.Resources, r)
}

func (b *builder) skip(menu, obj, field, why string) {
	b.res.Skipped = append(b.res.Skipped, adopt.Skipped{Menu: menu, Object: obj, Field: field, Reason: why})
}

func (g *guest) path() string { return fmt.Sprintf("/nodes/%s/%s/%d", g.node, g.kind, g.vmid) }

// describe names a guest in the report: "CT 1001 dns-1", "VM 2001 haproxy-1".
func (g *guest) describe() string {
	p := map[string]string{"lxc": "CT", "qemu": "VM"}[g.kind]
	if g.name == "" {
		return fmt.Sprintf("%s %d", p, g.vmid)
	}
	return fmt.Sprintf("%s %d %s", p, g.vmid, g.name)
}

// writer collects a guest's attributes, what the schema cannot hold
// (problems) and what the configuration leaves out (skipped).
type writer struct {
	g        *guest
	pools    map[string]string // pool id -> address
	attrs    []adopt.Attr
	problems []note
	skipped  []note
}

type note struct{ field, why string }

func (w *writer) set(name string, v adopt.Value) {
	w.attrs = append(w.attrs, adopt.Attr{Name: name, Value: v})
}

func (w *writer) problem(field, format string, a ...any) {
	w.problems = append(w.problems, note{field, fmt.Sprintf(format, a...)})
}

func (w *writer) skip(field, format string, a ...any) {
	w.skipped = append(w.skipped, note{field, fmt.Sprintf(format, a...)})
}

func stringList(l []string) adopt.Tuple {
	t := make(adopt.Tuple, len(l))
	for i, s := range l {
		t[i] = adopt.String(s)
	}
	return t
}

// common are the attributes both guest resources end with: power state,
// tags, description and pool.
func (w *writer) common() {
	cfg := w.g.cfg
	if toBool(cfg["onboot"]) {
		w.set("onboot", adopt.Bool(true))
	}
	if w.g.kind == "lxc" {
		if s := str(cfg["startup"]); s != "" {
			if !startupRe.MatchString(s) {
				w.problem("startup", "%q is not a startup order the provider accepts (order=N,up=N,down=N)", s)
			}
			w.set("startup", adopt.String(s))
		}
	}
	if !w.g.running {
		w.set("started", adopt.Bool(false))
	}
	if t := splitTags(str(cfg["tags"])); len(t) > 0 {
		for _, tag := range t {
			if !tagRe.MatchString(tag) {
				w.problem("tags", "tag %q is not one the provider accepts (lower case letters, digits and _ - + .)", tag)
			}
		}
		w.set("tags", stringList(t))
	}
	if d := description(cfg); d != "" {
		w.set("description", adopt.String(d))
	}
	if p := w.g.pool; p != "" {
		if addr, ok := w.pools[p]; ok {
			w.set("pool", adopt.Ref(addr+".pool_id"))
		} else {
			w.set("pool", adopt.String(p))
		}
	}
}
