package routeros

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

func bridgePort() *menu {
	return &menu{
		path: "/interface/bridge/port", table: "interface/bridge/port", firstID: 0,
		canAdd: true, canRemove: true, canMove: true, showDynamic: true,
		fields: join([]*field{
			fRef("bridge", refBridge).req(),
			fRef("interface", refIface).req(),
			fInt("pvid", "1", 1, 4094),
			fEnum("frame-types", "admit-all", "admit-all", "admit-only-untagged-and-priority-tagged", "admit-only-vlan-tagged"),
			fBool("ingress-filtering", "true"),
			fBool("hw", "true"),
			fEnum("edge", "auto", "auto", "no", "no-discover", "yes", "yes-discover"),
			fEnum("point-to-point", "auto", "auto", "no", "yes"),
			fEnum("learn", "auto", "auto", "no", "yes"),
			fInt("horizon", "none", 0, 429496729).also("none"),
			{name: "priority", kind: kHex, def: "0x80", min: 0, max: 0xF0},
			fInt("path-cost", "10", 1, 200000000).also("auto"),
			fInt("internal-path-cost", "10", 1, 200000000).also("auto"),
			fBool("auto-isolate", "false"),
			fBool("bpdu-guard", "false"),
			fBool("restricted-role", "false"),
			fBool("restricted-tcn", "false"),
			fBool("tag-stacking", "false"),
			fBool("trusted", "false"),
			fBool("fast-leave", "false"),
			fBool("broadcast-flood", "true"),
			fBool("unknown-multicast-flood", "true"),
			fBool("unknown-unicast-flood", "true"),
			fEnum("multicast-router", "temporary-query", "disabled", "permanent", "temporary-query"),
		}, tail()),
		check: func(d *db, r, old *row) error {
			name := r.vals["interface"]
			if old == nil || old.vals["interface"] != name {
				if d.isBridgePort(name) {
					return failure("device already added as bridge port")
				}
				if d.isBondSlave(name) {
					return failure("can not add slave interface as bridge port")
				}
			}
			if name == r.vals["bridge"] {
				return failure("can not add bridge to itself")
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			active := r.vals["disabled"] != "true" && d.running(d.ifaceByName(r.vals["interface"]), 0) &&
				d.running(d.ifaceByName(r.vals["bridge"]), 0)
			status := "in-bridge"
			if !active {
				status = "inactive"
			}
			p.set("status", status)
			p.set("inactive", strconv.FormatBool(!active))
			p.set("hw-offload", "false")
		},
	}
}

func bridgeVLAN() *menu {
	return &menu{
		path: "/interface/bridge/vlan", table: "interface/bridge/vlan",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fRef("bridge", refBridge).req(),
			fKind("vlan-ids", kVLANs).req(),
			fRefList("tagged", refIfaceOrList),
			fRefList("untagged", refIfaceOrList),
			fRefList("mvrp-forbidden", refIface),
		}, tail()),
		check: func(d *db, r, old *row) error {
			tagged, untagged := splitList(r.vals["tagged"]), splitList(r.vals["untagged"])
			for _, l := range [][]string{tagged, untagged} {
				seen := map[string]bool{}
				for _, n := range l {
					if seen[n] {
						return failure("each interface can appear only once")
					}
					seen[n] = true
				}
			}
			for _, n := range tagged {
				if slices.Contains(untagged, n) {
					return failure("interface cannot be in tagged and untagged at the same time")
				}
			}
			return nil
		},
		compute: func(d *db, r *row, p *props) {
			if r.dynamic {
				p.set("current-untagged", r.vals["current-untagged"])
				p.set("current-tagged", "")
				return
			}
			members := d.pvidMembers(r.vals["bridge"])
			tagged := d.currentMembers(r.vals["tagged"], members)
			p.set("current-tagged", strings.Join(tagged, ","))
			ids := vlanSet(r.vals["vlan-ids"])
			cur := d.currentMembers(r.vals["untagged"], members)
			for _, m := range members {
				if ids[m.pvid] && !slices.Contains(cur, m.name) && !slices.Contains(tagged, m.name) {
					cur = append(cur, m.name)
				}
			}
			p.set("current-untagged", strings.Join(cur, ","))
		},
	}
}

// currentMembers is what current-tagged/current-untagged show of a
// configured tagged/untagged list: RouterOS lists only the interfaces that
// are active members of the row's bridge (the bridge itself and its
// enabled ports), with interface lists expanded to their members.
func (d *db) currentMembers(configured string, members []pvidMember) []string {
	var out []string
	add := func(name string) {
		if slices.Contains(out, name) {
			return
		}
		for _, m := range members {
			if m.name == name {
				out = append(out, name)
				return
			}
		}
	}
	for _, it := range splitList(configured) {
		if d.ifaceByName(it) != nil {
			add(it)
			continue
		}
		for _, n := range d.listInterfaces(it) {
			add(n)
		}
	}
	return out
}

// listInterfaces are the interfaces of an interface list: every interface
// for the builtin "all", else its enabled members.
func (d *db) listInterfaces(list string) []string {
	var out []string
	if list == "all" {
		for _, r := range d.table("interface").rows {
			out = append(out, r.vals["name"])
		}
		return out
	}
	for _, m := range d.table("interface/list/member").rows {
		if m.vals["list"] == list && m.vals["disabled"] != "true" {
			out = append(out, m.vals["interface"])
		}
	}
	return out
}

type pvidMember struct {
	name string
	pvid int
}

// pvidMembers lists a bridge and its enabled ports with their pvids.
func (d *db) pvidMembers(bridge string) []pvidMember {
	br := d.ifaceByName(bridge)
	if br == nil || br.typ != "bridge" {
		return nil
	}
	pv := func(v string) int {
		if v == "" {
			return 1
		}
		n, _ := strconv.Atoi(v)
		return n
	}
	out := []pvidMember{{bridge, pv(br.vals["pvid"])}}
	for _, p := range d.table("interface/bridge/port").rows {
		if p.vals["bridge"] == bridge && p.vals["disabled"] != "true" {
			out = append(out, pvidMember{p.vals["interface"], pv(p.vals["pvid"])})
		}
	}
	return out
}

// refreshDynamic recomputes the rows RouterOS creates itself: on a bridge
// with vlan-filtering, a dynamic /interface/bridge/vlan row per port pvid
// that no static row covers, with the ports in current-untagged. Rows that
// still exist keep their ids.
func (d *db) refreshDynamic() {
	d.refreshConnectedRoutes()
	d.refreshIPv6ConnectedRoutes()
	t := d.table("interface/bridge/vlan")
	want := map[string][]string{}
	var keys []string
	for _, br := range d.table("interface").rows {
		if br.typ != "bridge" || br.vals["vlan-filtering"] != "true" {
			continue
		}
		name := br.vals["name"]
		covered := map[int]bool{}
		for _, r := range t.rows {
			if !r.dynamic && r.vals["bridge"] == name && r.vals["disabled"] != "true" {
				for id := range vlanSet(r.vals["vlan-ids"]) {
					covered[id] = true
				}
			}
		}
		for _, m := range d.pvidMembers(name) {
			if covered[m.pvid] {
				continue
			}
			key := name + "|" + strconv.Itoa(m.pvid)
			if _, ok := want[key]; !ok {
				keys = append(keys, key)
			}
			want[key] = append(want[key], m.name)
		}
	}
	kept := t.rows[:0]
	have := map[string]bool{}
	for _, r := range t.rows {
		if !r.dynamic {
			kept = append(kept, r)
			continue
		}
		if members, ok := want[r.dynKey]; ok {
			r.vals["current-untagged"] = strings.Join(members, ",")
			have[r.dynKey] = true
			kept = append(kept, r)
		}
	}
	t.rows = kept
	sort.Strings(keys)
	for _, key := range keys {
		if have[key] {
			continue
		}
		bridge, pvid, _ := strings.Cut(key, "|")
		t.rows = append(t.rows, &row{
			id: t.alloc(), dynamic: true, dynKey: key,
			vals: map[string]string{"bridge": bridge, "vlan-ids": pvid, "current-untagged": strings.Join(want[key], ",")},
		})
	}
}
