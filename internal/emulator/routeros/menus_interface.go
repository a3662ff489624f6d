package routeros

import (
	"fmt"
	"strconv"
)

// Interface menus share the "interface" table: one id and name space for
// ethernet, vlan, bridge and bonding interfaces, each view showing its type.

var arpModes = []string{"disabled", "enabled", "local-proxy-arp", "proxy-arp", "reply-only"}

// maxIfaceName is the longest interface name accepted, in bytes. RouterOS's
// own limit is unconfirmed: console inspect (7.10 to 7.19) declares
// interface names a plain "string value", without the "max length N" it
// shows for limited strings, and names of 17 and 19 characters work on
// real 7.x routers, so this is only a generous sanity bound (255 is the most
// common declared maximum of RouterOS strings).
const maxIfaceName = 255

func ifaceName() *field { return fStr("name").keep().maxLength(maxIfaceName) }

func ifaceCommon(mtuDef string) []*field {
	return []*field{
		ifaceName(),
		fInt("mtu", mtuDef, 0, 65535).also("auto"),
		fEnum("arp", "enabled", arpModes...),
		fDur("arp-timeout", "auto").also("auto"),
	}
}

func loopProtect() []*field {
	return []*field{
		fEnum("loop-protect", "default", "default", "off", "on"),
		fDur("loop-protect-disable-time", "5m"),
		fDur("loop-protect-send-interval", "5s"),
	}
}

func tail() []*field {
	return []*field{fStr("comment"), fBool("disabled", "false")}
}

func join(groups ...[]*field) []*field {
	var out []*field
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// autoName returns prefix1, prefix2, ... the first name free in the table.
func autoName(table, prefix string) func(d *db) string {
	return func(d *db) string {
		for i := 1; ; i++ {
			name := prefix + strconv.Itoa(i)
			taken := false
			for _, r := range d.table(table).rows {
				if r.vals["name"] == name {
					taken = true
				}
			}
			if !taken {
				return name
			}
		}
	}
}

func interfaceMenus() []*menu {
	ethernet := ethernetMenu()
	vlan := &menu{
		path: "/interface/vlan", table: "interface", typ: "vlan", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have interface with such name",
		autoName: autoName("interface", "vlan"),
		fields: join(ifaceCommon("1500"), []*field{
			fInt("vlan-id", "", 1, 4094).req(),
			fRef("interface", refIface).req(),
			fBool("use-service-tag", "false"),
			fBool("mvrp", "false"),
		}, loopProtect(), tail()),
		compute: func(d *db, r *row, p *props) {
			p.set("l2mtu", "1594")
			p.set("mac-address", d.macOf(r, 0))
			p.set("loop-protect-status", "off")
			p.set("running", strconv.FormatBool(d.running(r, 0)))
		},
		check: checkVLAN,
	}
	bridge := &menu{
		path: "/interface/bridge", table: "interface", typ: "bridge", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have interface with such name", showDynamic: true,
		autoName: autoName("interface", "bridge"),
		fields: join(ifaceCommon("auto"), []*field{
			fKind("admin-mac", kMAC),
			fBool("auto-mac", "true"),
			fDur("ageing-time", "5m"),
			fEnum("protocol-mode", "rstp", "none", "stp", "rstp", "mstp"),
			{name: "priority", kind: kHex, def: "0x8000", min: 0, max: 0xFFFF},
			fDur("max-message-age", "20s"),
			fDur("forward-delay", "15s"),
			fInt("transmit-hold-count", "6", 1, 10),
			fBool("vlan-filtering", "false"),
			fInt("pvid", "1", 1, 4094),
			fEnum("frame-types", "admit-all", "admit-all", "admit-only-untagged-and-priority-tagged", "admit-only-vlan-tagged"),
			fEnum("ether-type", "0x8100", "0x8100", "0x88a8", "0x9100"),
			fBool("ingress-filtering", "true"),
			fBool("fast-forward", "true"),
			fBool("igmp-snooping", "false"),
			fBool("dhcp-snooping", "false"),
			fEnum("port-cost-mode", "long", "long", "short"),
			fInt("max-learned-entries", "auto", 0, 1<<31-1).also("auto", "unlimited"),
		}, tail()),
		compute: func(d *db, r *row, p *props) {
			p.set("actual-mtu", "1500")
			p.set("l2mtu", "65535")
			p.set("mac-address", d.macOf(r, 0))
			p.set("running", strconv.FormatBool(d.running(r, 0)))
		},
	}
	bonding := &menu{
		path: "/interface/bonding", table: "interface", typ: "bond", nameField: "name",
		canAdd: true, canRemove: true, uniqueName: "already have interface with such name",
		autoName: autoName("interface", "bonding"),
		fields: join(ifaceCommon("1500"), []*field{
			fRefList("slaves", refIface).req(),
			fEnum("mode", "balance-rr", "802.3ad", "active-backup", "balance-alb", "balance-rr", "balance-tlb", "balance-xor", "broadcast"),
			fEnum("transmit-hash-policy", "layer-2", "encap-2-and-3", "encap-3-and-4", "layer-2", "layer-2-and-3", "layer-3-and-4"),
			fEnum("lacp-rate", "30secs", "1sec", "30secs"),
			fEnum("link-monitoring", "mii", "arp", "mii", "none"),
			fDur("mii-interval", "100ms"),
			fDur("arp-interval", "100ms"),
			fKind("arp-ip-targets", kIPList),
			fInt("min-links", "0", 0, 4294967295),
			fRef("primary", refIface).dflt("none").also("none"),
			fDur("up-delay", "0s"),
			fDur("down-delay", "0s"),
			fKind("forced-mac-address", kMAC),
		}, tail()),
		compute: func(d *db, r *row, p *props) {
			p.set("mac-address", d.macOf(r, 0))
			p.set("running", strconv.FormatBool(d.running(r, 0)))
			// RouterOS accepts the combination and says why it will not work
			// in .about (reference notes: ".about=802.3ad mode must use mii link-monitoring").
			if r.vals["mode"] == "802.3ad" && r.vals["link-monitoring"] == "arp" {
				p.set(".about", "802.3ad mode must use mii link-monitoring")
			}
		},
		check: checkBonding,
	}
	all := &menu{
		path: "/interface", table: "interface", nameField: "name",
		fields: []*field{
			ifaceName(),
			fRO("default-name"),
			fRO("type"),
			fInt("mtu", "", 0, 65535).also("auto"),
			fStr("comment"),
			fBool("disabled", "false"),
		},
		compute: func(d *db, r *row, p *props) {
			p.set("type", r.typ)
			if m := d.menus[ifaceMenu[r.typ]]; m != nil {
				p.set("mtu", m.value(r, "mtu"))
			}
			p.set("actual-mtu", "1500")
			p.set("l2mtu", map[string]string{"ether": "1514", "vlan": "1594", "bridge": "65535", "bond": "1514", "wg": "65535"}[r.typ])
			p.set("mac-address", d.macOf(r, 0))
			p.set("running", strconv.FormatBool(d.running(r, 0)))
			p.set("slave", strconv.FormatBool(d.isSlave(r.vals["name"])))
			p.set("dynamic", "false")
		},
		check: func(d *db, r, old *row) error {
			if r.typ == "bridge" || r.vals["mtu"] != "auto" {
				return nil
			}
			return argErr("invalid value for argument mtu")
		},
	}
	all.uniqueName = "already have interface with such name"
	return []*menu{all, ethernet, vlan, bridge, bonding, interfaceList(), interfaceListMember()}
}

// ifaceMenu maps interface types to their menus.
var ifaceMenu = map[string]string{"ether": "/interface/ethernet", "vlan": "/interface/vlan", "bridge": "/interface/bridge", "bond": "/interface/bonding", "wg": "/interface/wireguard"}

// checkVLAN refuses a vlan on itself and a second vlan with the same
// vlan-id and tag type on one parent (Linux, under RouterOS, cannot have
// both; the wording is unconfirmed).
func checkVLAN(d *db, r, old *row) error {
	if r.vals["interface"] == r.vals["name"] {
		return errNoMatch("interface")
	}
	for _, o := range d.table("interface").rows {
		if o.typ == "vlan" && o.id != r.id && o.vals["interface"] == r.vals["interface"] &&
			o.vals["vlan-id"] == r.vals["vlan-id"] && (o.vals["use-service-tag"] == "true") == (r.vals["use-service-tag"] == "true") {
			return failure("vlan with such vlan-id already exists on this interface")
		}
	}
	return nil
}

func checkBonding(d *db, r, old *row) error {
	for _, s := range splitList(r.vals["slaves"]) {
		if s == r.vals["name"] {
			return errNoMatch("slaves")
		}
		if d.isBridgePort(s) {
			return failure("device already added as bridge port")
		}
		for _, o := range d.table("interface").rows {
			if o.typ == "bond" && o.id != r.id {
				for _, os := range splitList(o.vals["slaves"]) {
					if os == s {
						return failure("interface is already slave")
					}
				}
			}
		}
	}
	return nil
}

// ifaceByName finds an interface row.
func (d *db) ifaceByName(name string) *row {
	for _, r := range d.table("interface").rows {
		if r.vals["name"] == name {
			return r
		}
	}
	return nil
}

func (d *db) isBridgePort(name string) bool {
	for _, p := range d.table("interface/bridge/port").rows {
		if p.vals["interface"] == name {
			return true
		}
	}
	return false
}

func (d *db) isBondSlave(name string) bool {
	for _, o := range d.table("interface").rows {
		if o.typ == "bond" {
			for _, s := range splitList(o.vals["slaves"]) {
				if s == name {
					return true
				}
			}
		}
	}
	return false
}

func (d *db) isSlave(name string) bool { return d.isBridgePort(name) || d.isBondSlave(name) }

// running is RouterOS's R flag: ethernet ports are up unless disabled; a
// vlan runs when its parent does; a bond when one of its slaves does.
func (d *db) running(r *row, depth int) bool {
	if r == nil || r.vals["disabled"] == "true" || depth > 8 {
		return false
	}
	switch r.typ {
	case "vlan":
		return d.running(d.ifaceByName(r.vals["interface"]), depth+1)
	case "bond":
		for _, s := range splitList(r.vals["slaves"]) {
			if d.running(d.ifaceByName(s), depth+1) {
				return true
			}
		}
		return false
	}
	return true
}

// macOf is an interface's MAC: ethernet's own, a vlan's parent's, a bond's
// first slave's, a bridge's admin-mac or first port's.
func (d *db) macOf(r *row, depth int) string {
	if r == nil || depth > 8 {
		return "00:00:00:00:00:00"
	}
	switch r.typ {
	case "ether":
		return r.vals["mac-address"]
	case "vlan":
		return d.macOf(d.ifaceByName(r.vals["interface"]), depth+1)
	case "bond":
		if v := r.vals["forced-mac-address"]; v != "" {
			return v
		}
		if s := splitList(r.vals["slaves"]); len(s) > 0 {
			return d.macOf(d.ifaceByName(s[0]), depth+1)
		}
	case "bridge":
		if r.vals["auto-mac"] == "false" && r.vals["admin-mac"] != "" {
			return r.vals["admin-mac"]
		}
		for _, p := range d.table("interface/bridge/port").rows {
			if p.vals["bridge"] == r.vals["name"] {
				return d.macOf(d.ifaceByName(p.vals["interface"]), depth+1)
			}
		}
	}
	return fmt.Sprintf("4C:5E:0C:80:%02X:%02X", (r.id>>8)&0xFF, r.id&0xFF)
}

func interfaceList() *menu {
	return &menu{
		path: "/interface/list", table: "interface/list", nameField: "name",
		canAdd: true, canRemove: true, showDynamic: true,
		uniqueName: "already have interface list with such name",
		fields: []*field{
			fStr("name").req().keep(),
			fRefList("include", refIfList),
			fRefList("exclude", refIfList),
			fRO("builtin"),
			fStr("comment"),
		},
		compute: func(d *db, r *row, p *props) {
			if _, ok := p.get("builtin"); !ok {
				p.set("builtin", "false")
			}
		},
	}
}

func interfaceListMember() *menu {
	return &menu{
		path: "/interface/list/member", table: "interface/list/member",
		canAdd: true, canRemove: true, showDynamic: true,
		fields: join([]*field{
			fRef("list", refIfList).req(),
			fRef("interface", refIface).req(),
		}, tail()),
		check: func(d *db, r, old *row) error {
			for _, o := range d.table("interface/list/member").rows {
				if o.id != r.id && o.vals["list"] == r.vals["list"] && o.vals["interface"] == r.vals["interface"] {
					return failure("already have such entry")
				}
			}
			return nil
		},
	}
}
