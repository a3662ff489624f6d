package proxmox

import (
	"net"
	"net/netip"
	"strings"
)

// GET /nodes/{node}/lxc/{vmid}/interfaces (pve-container API2/LXC.pm "ip",
// PVE::LXC::get_interfaces): `ip --json a` inside a running container's
// network namespace, per interface name, hwaddr and hardware-address
// (lower-case, as ip prints it), ip-addresses [{ip-address-type,
// ip-address, prefix}] and the deprecated inet/inet6 (the family's last
// address); null for a stopped container (no pid).
//
// The emulator's container has lo and its netN interfaces with the static
// ip/ip6 of the config and the EUI-64 link-local address. Unconfirmed
// stand-ins: a DHCP or SLAAC address is not invented (none is listed).
func (s *Server) lxcInterfaces(r *request, g *guest) (any, *apiError) {
	if g.Status != "running" {
		return nil, nil
	}
	out := []map[string]any{ifaceEntry("lo", "00:00:00:00:00:00", []netip.Prefix{
		netip.MustParsePrefix("127.0.0.1/8"), netip.MustParsePrefix("::1/128")})}
	p := createSchema("lxc").lookup("net0")
	for i := 0; i <= maxIndex("net"); i++ {
		v, ok := g.Conf["net"+itoa(i)]
		if !ok {
			continue
		}
		kv, _ := parsePropertyString(p, v)
		mac := strings.ToLower(kv["hwaddr"])
		var addrs []netip.Prefix
		for _, k := range []string{"ip", "ip6"} {
			if pfx, err := netip.ParsePrefix(kv[k]); err == nil {
				addrs = append(addrs, pfx)
			}
		}
		if ll, ok := linkLocal(mac); ok {
			addrs = append(addrs, ll)
		}
		out = append(out, ifaceEntry(kv["name"], mac, addrs))
	}
	return out, nil
}

func ifaceEntry(name, mac string, addrs []netip.Prefix) map[string]any {
	e := map[string]any{"name": name, "hwaddr": mac, "hardware-address": mac}
	list := []map[string]any{}
	for _, a := range addrs {
		fam := "inet"
		if a.Addr().Is6() {
			fam = "inet6"
		}
		e[fam] = a.String()
		list = append(list, map[string]any{"ip-address-type": fam, "ip-address": a.Addr().String(), "prefix": a.Bits()})
	}
	e["ip-addresses"] = list
	return e
}

// linkLocal is the EUI-64 fe80::/64 address of a MAC.
func linkLocal(mac string) (netip.Prefix, bool) {
	hw, err := net.ParseMAC(mac)
	if err != nil || len(hw) != 6 {
		return netip.Prefix{}, false
	}
	var b [16]byte
	b[0], b[1] = 0xfe, 0x80
	copy(b[8:], []byte{hw[0] ^ 0x02, hw[1], hw[2], 0xff, 0xfe, hw[3], hw[4], hw[5]})
	return netip.PrefixFrom(netip.AddrFrom16(b), 64), true
}
