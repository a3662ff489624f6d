package proxmox

import (
	"fmt"
	"net"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Node networks, /nodes/{node}/network, after pve-manager's
// PVE/API2/Network.pm and pve-common's PVE/Network/Interfaces.pm (the
// /etc/network/interfaces reader and writer):
//
//   - changes are staged: POST, PUT and DELETE of an interface edit
//     interfaces.new, and every read (the list and GET {iface}) shows the
//     staged configuration while it exists; PUT /nodes/{node}/network (the
//     "srvreload networking" task, ifreload -a) makes it the running one,
//     DELETE /nodes/{node}/network drops it. Guests see the bridges of the
//     running configuration only (bridges.go);
//   - POST refuses an existing name (parameter error "interface already
//     exists"), a second default gateway ("Default gateway already exists
//     on interface 'x'."), a port, slave or bond already used by another
//     interface ("p is already used on interface 'x'."); cidr is split into
//     address and netmask, method is static with an address and manual
//     otherwise; bridge_vids is stored space-separated; PUT merges, deletes
//     the listed options (cidr removes address and netmask); an unknown
//     interface is a parameter error "interface does not exist";
//   - the writer's checks fail the call (500): bond slaves must exist and be
//     eth or bond ("bond 'b' - unable to find slave 'p'", "... wrong
//     interface type on slave ..."), bond-primary must be a slave, a vlan's
//     parent comes from the name ("vmbr0.10") or vlan-raw-device (with
//     vlan-id for names other than vlanN) and must exist and be
//     eth|bond|bridge|vlan, bridge ports must exist ("bridge 'x' - unable to
//     find bridge port 'p'") and hold no address, and a child's MTU may not
//     exceed its parent's ("interface 'p' - mtu 1500 is lower than 'c' -
//     mtu 9000"; 1500 when unset);
//   - GET {iface} returns the options as the reader rebuilds them: type,
//     method, method6, families, cidr next to address and netmask (the
//     prefix length), comments one line each with its line feed, autostart
//     and bridge_vlan_aware 1, vlan-id and vlan-raw-device derived from a
//     "parent.id" name, active 1 for interfaces of the running
//     configuration, exists 1 for the physical NICs; options read from the
//     file (mtu, bridge_vids, ...) as strings.
//
// Each node starts with eno1 and eno2 (physical) and its bridges (vmbr0 on
// eno1 with the node's address 10.10.10.1N/24 and gateway 10.10.10.1).
// Unconfirmed: the exact netmask spelling for a dotted netmask sent
// without cidr; the "changes" diff PVE adds to the list answer is not
// produced; OVS, vxlan and SDN interfaces are not modelled.

type netIface map[string]string

type nodeNetwork struct {
	Active map[string]netIface `json:"active"`
	Staged map[string]netIface `json:"staged,omitempty"`
}

var (
	reVLANName  = regexp.MustCompile(`^(\S+)\.(\d+)$`)
	reVLANShort = regexp.MustCompile(`^vlan(\d+)$`)
)

func copyIfaces(in map[string]netIface) map[string]netIface {
	out := make(map[string]netIface, len(in))
	for k, v := range in {
		c := netIface{}
		for a, b := range v {
			c[a] = b
		}
		out[k] = c
	}
	return out
}

// network returns node's network, made from its bridges on first use.
func (s *Server) network(node string) *nodeNetwork {
	if s.st.Network == nil {
		s.st.Network = map[string]*nodeNetwork{}
	}
	if n := s.st.Network[node]; n != nil {
		return n
	}
	idx := 1
	for i, x := range s.st.Nodes {
		if x == node {
			idx = i + 1
		}
	}
	n := &nodeNetwork{Active: map[string]netIface{
		"eno1": {"type": "eth", "method": "manual", "method6": "manual"},
		"eno2": {"type": "eth", "method": "manual", "method6": "manual"},
	}}
	for i, b := range s.st.bridgesOf(node) {
		d := netIface{"type": "bridge", "method": "manual", "method6": "manual", "autostart": "1", "bridge_ports": ""}
		if i == 0 {
			d["bridge_ports"] = "eno1"
			d["method"] = "static"
			d["address"] = fmt.Sprintf("10.10.10.1%d", idx)
			d["netmask"] = "24"
			d["gateway"] = "10.10.10.1"
		}
		n.Active[b] = d
	}
	s.st.Network[node] = n
	return n
}

// netConfig is what read_file('interfaces') returns: the staged
// configuration when there is one.
func (n *nodeNetwork) config() map[string]netIface {
	if n.Staged != nil {
		return n.Staged
	}
	return n.Active
}

var netNumeric = map[string]bool{"autostart": true, "bridge_vlan_aware": true}

func (s *Server) netEntry(n *nodeNetwork, name string) map[string]any {
	d := n.config()[name]
	e := map[string]any{"iface": name, "priority": 0}
	for k, v := range d {
		switch {
		case k == "families" || v == "":
		case netNumeric[k]:
			e[k] = atoi(v)
		default:
			e[k] = v
		}
	}
	fam := []string{}
	if d["address"] != "" {
		fam = append(fam, "inet")
		e["cidr"] = d["address"] + "/" + d["netmask"]
	}
	if d["address6"] != "" {
		fam = append(fam, "inet6")
		e["cidr6"] = d["address6"] + "/" + d["netmask6"]
	}
	if len(fam) == 0 {
		fam = []string{"inet"}
	}
	e["families"] = fam
	if c := d["comments"]; c != "" {
		var lines []string
		for _, l := range strings.Split(strings.TrimRight(c, "\n"), "\n") {
			lines = append(lines, l+"\n")
		}
		e["comments"] = strings.Join(lines, "")
	}
	if d["type"] == "vlan" {
		if m := reVLANName.FindStringSubmatch(name); m != nil {
			e["vlan-raw-device"], e["vlan-id"] = m[1], m[2]
		} else if m := reVLANShort.FindStringSubmatch(name); m != nil {
			e["vlan-id"] = m[1]
		}
	}
	if _, ok := n.Active[name]; ok {
		e["active"] = 1
	}
	if d["type"] == "eth" {
		e["exists"] = 1
	}
	return e
}

// GET /nodes/{node}/network
func (s *Server) netList(r *request) (any, *apiError) {
	n := s.network(r.vars["node"])
	out := []map[string]any{}
	for _, name := range sortedKeys(n.config()) {
		d := n.config()[name]
		t := r.params["type"]
		if t != "" && t != d["type"] && !(strings.HasPrefix(t, "any") && strings.HasSuffix(t, "bridge") && d["type"] == "bridge") {
			continue
		}
		out = append(out, s.netEntry(n, name))
	}
	return out, nil
}

// GET /nodes/{node}/network/{iface}
func (s *Server) netGet(r *request) (any, *apiError) {
	n := s.network(r.vars["node"])
	if n.config()[r.vars["iface"]] == nil {
		return nil, paramErr1("iface", "interface does not exist")
	}
	return s.netEntry(n, r.vars["iface"]), nil
}

func ports(d netIface) []string {
	var out []string
	for _, k := range []string{"bridge_ports", "slaves"} {
		out = append(out, splitList(d[k])...)
	}
	return out
}

// checkNetParams is the handlers' checks before writing: gateways and
// ports used elsewhere, cidr split into address and netmask.
func checkNetParams(cfg map[string]netIface, name string, p map[string]string) *apiError {
	for _, gw := range []struct{ key, what string }{{"gateway", "Default gateway"}, {"gateway6", "Default ipv6 gateway"}} {
		if p[gw.key] == "" {
			continue
		}
		for _, other := range sortedKeys(cfg) {
			if other != name && cfg[other][gw.key] != "" {
				return paramErr1(gw.key, "%s already exists on interface '%s'.", gw.what, other)
			}
		}
	}
	param := ""
	for _, k := range []string{"bridge_ports", "slaves"} {
		if p[k] != "" && param == "" {
			param = k
		}
	}
	for _, port := range ports(netIface(p)) {
		for _, other := range sortedKeys(cfg) {
			if other != name && contains(ports(cfg[other]), port) {
				return paramErr1(param, "%s is already used on interface '%s'.", port, other)
			}
		}
	}
	for _, f := range []struct{ cidr, addr, mask string }{{"cidr", "address", "netmask"}, {"cidr6", "address6", "netmask6"}} {
		c, ok := p[f.cidr]
		if !ok {
			continue
		}
		if p[f.addr] != "" {
			return paramErr1(f.addr, "%s conflicts with %s", f.addr, f.cidr)
		}
		if p[f.mask] != "" {
			return paramErr1(f.mask, "%s conflicts with %s", f.mask, f.cidr)
		}
		addr, mask, _ := strings.Cut(c, "/")
		p[f.addr], p[f.mask] = addr, mask
		delete(p, f.cidr)
	}
	if m := p["netmask"]; strings.Contains(m, ".") {
		if ip := net.ParseIP(m).To4(); ip != nil {
			ones, _ := net.IPMask(ip).Size()
			p["netmask"] = strconv.Itoa(ones)
		}
	}
	if v, ok := p["bridge_vids"]; ok {
		if len(splitList(v)) == 0 {
			return paramErr1("bridge_vids", "VLAN list items are empty")
		}
		p["bridge_vids"] = strings.Join(splitList(v), " ")
	}
	for _, k := range []string{"bridge_ports", "slaves"} {
		if v, ok := p[k]; ok {
			p[k] = strings.Join(splitList(v), " ")
		}
	}
	return nil
}

func mtuOf(d netIface) int {
	if m := atoi(d["mtu"]); m > 0 {
		return m
	}
	return 1500
}

// checkNetConfig is __write_etc_network_interfaces' checks.
func checkNetConfig(cfg map[string]netIface) *apiError {
	checkMTU := func(parent, child string) *apiError {
		if p, c := mtuOf(cfg[parent]), mtuOf(cfg[child]); p < c {
			return errf("interface '%s' - mtu %d is lower than '%s' - mtu %d", parent, p, child, c)
		}
		return nil
	}
	names := sortedKeys(cfg)
	for _, name := range names {
		d := cfg[name]
		if d["type"] != "bond" || d["slaves"] == "" {
			continue
		}
		primaryOK := false
		for _, sl := range splitList(d["slaves"]) {
			n := cfg[sl]
			if n == nil {
				return errf("bond '%s' - unable to find slave '%s'", name, sl)
			}
			if n["type"] != "eth" && n["type"] != "bond" {
				return errf("bond '%s' - wrong interface type on slave '%s' ('%s' != 'eth or bond')", name, sl, n["type"])
			}
			if err := checkMTU(name, sl); err != nil {
				return err
			}
			primaryOK = primaryOK || d["bond-primary"] == sl
		}
		if d["bond-primary"] != "" && !primaryOK {
			return errf("bond '%s' - bond-primary interface is not a slave", name)
		}
	}
	for _, name := range names {
		d := cfg[name]
		if d["type"] != "vlan" {
			continue
		}
		var parent string
		var id int
		if m := reVLANName.FindStringSubmatch(name); m != nil {
			parent, id = m[1], atoi(m[2])
			delete(d, "vlan-raw-device")
			delete(d, "vlan-id")
		} else {
			parent = d["vlan-raw-device"]
			if parent == "" {
				return errf("missing vlan-raw-device option")
			}
			if m := reVLANShort.FindStringSubmatch(name); m != nil {
				id = atoi(m[1])
				delete(d, "vlan-id")
			} else if id = atoi(d["vlan-id"]); id == 0 {
				return errf("missing vlan-id option")
			}
		}
		if id > 4094 {
			return errf("vlan '%s' - vlan-id %d should be <= 4094", name, id)
		}
		n := cfg[parent]
		if n == nil {
			return errf("vlan '%s' - unable to find parent '%s'", name, parent)
		}
		if t := n["type"]; t != "eth" && t != "bridge" && t != "bond" && t != "vlan" {
			return errf("vlan '%s' - wrong interface type on parent '%s' ('%s' != 'eth|bond|bridge|vlan' )", name, parent, t)
		}
		if err := checkMTU(parent, name); err != nil {
			return err
		}
	}
	for _, name := range names {
		d := cfg[name]
		if d["type"] != "bridge" {
			continue
		}
		for _, p := range splitList(d["bridge_ports"]) {
			n := cfg[p]
			if n == nil {
				if m := reVLANName.FindStringSubmatch(p); m != nil && cfg[m[1]] != nil {
					continue // an implicit VLAN of an existing interface
				}
				return errf("bridge '%s' - unable to find bridge port '%s'", name, p)
			}
			if n["method"] == "static" || n["method6"] == "static" {
				return errf("iface %s - ip address can't be set on interface if bridged in %s", p, name)
			}
			if err := checkMTU(p, name); err != nil {
				return err
			}
		}
	}
	return nil
}

var netParams = map[string]bool{"node": true, "iface": true, "delete": true}

// POST /nodes/{node}/network
func (s *Server) netCreate(r *request) (any, *apiError) {
	n := s.network(r.vars["node"])
	name := r.params["iface"]
	cfg := copyIfaces(n.config())
	if cfg[name] != nil {
		return nil, paramErr1("iface", "interface already exists")
	}
	p := map[string]string{}
	for k, v := range r.params {
		if !netParams[k] {
			p[k] = v
		}
	}
	if err := checkNetParams(cfg, name, p); err != nil {
		return nil, err
	}
	p["method"], p["method6"] = "manual", "manual"
	if p["address"] != "" {
		p["method"] = "static"
	}
	if p["address6"] != "" {
		p["method6"] = "static"
	}
	cfg[name] = netIface(p)
	if err := checkNetConfig(cfg); err != nil {
		return nil, err
	}
	n.Staged = cfg
	return nil, nil
}

// PUT /nodes/{node}/network/{iface}
func (s *Server) netUpdate(r *request) (any, *apiError) {
	n := s.network(r.vars["node"])
	name := r.vars["iface"]
	cfg := copyIfaces(n.config())
	d := cfg[name]
	if d == nil {
		return nil, paramErr1("iface", "interface does not exist")
	}
	for _, k := range splitList(r.params["delete"]) {
		delete(d, k)
		switch k {
		case "cidr":
			delete(d, "address")
			delete(d, "netmask")
		case "cidr6":
			delete(d, "address6")
			delete(d, "netmask6")
		}
	}
	p := map[string]string{}
	for k, v := range r.params {
		if !netParams[k] {
			p[k] = v
		}
	}
	if err := checkNetParams(cfg, name, p); err != nil {
		return nil, err
	}
	for k, v := range p {
		d[k] = v
	}
	d["method"], d["method6"] = "manual", "manual"
	if d["address"] != "" {
		d["method"] = "static"
	}
	if d["address6"] != "" {
		d["method6"] = "static"
	}
	if err := checkNetConfig(cfg); err != nil {
		return nil, err
	}
	n.Staged = cfg
	return nil, nil
}

// DELETE /nodes/{node}/network/{iface}
func (s *Server) netDelete(r *request) (any, *apiError) {
	n := s.network(r.vars["node"])
	name := r.vars["iface"]
	cfg := copyIfaces(n.config())
	if cfg[name] == nil {
		return nil, paramErr1("iface", "interface does not exist")
	}
	delete(cfg, name)
	if err := checkNetConfig(cfg); err != nil {
		return nil, err
	}
	n.Staged = cfg
	return nil, nil
}

// PUT /nodes/{node}/network: ifreload -a in a task; the staged
// configuration becomes the running one and the guests see its bridges.
func (s *Server) netReload(r *request) (any, *apiError) {
	node := r.vars["node"]
	n := s.network(node)
	if n.Staged != nil {
		n.Active, n.Staged = n.Staged, nil
		var bridges []string
		for _, name := range sortedKeys(n.Active) {
			if n.Active[name]["type"] == "bridge" {
				bridges = append(bridges, name)
			}
		}
		sort.Strings(bridges)
		if s.st.Bridges == nil {
			s.st.Bridges = map[string][]string{}
		}
		s.st.Bridges[node] = bridges
	}
	return s.newTask(node, "srvreload", "networking", r.user, ""), nil
}

// DELETE /nodes/{node}/network: the staged changes are dropped.
func (s *Server) netRevert(r *request) (any, *apiError) {
	s.network(r.vars["node"]).Staged = nil
	return nil, nil
}
