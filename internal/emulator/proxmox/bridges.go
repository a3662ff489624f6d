package proxmox

import (
	"fmt"
	"sort"
)

// Host bridges. A guest NIC names a bridge of the node it runs on; PVE only
// looks the bridge up when the guest starts:
//
//   - pve-container: vm_start -> update_lxc_config reads the bridge's MTU
//     for every netN (in `sort keys %$conf` order) with
//     PVE::Network::read_bridge_mtu, which dies "bridge '$bridge' does not
//     exist\n" when /sys/class/net/$bridge/mtu is missing (pve-common
//     src/PVE/Network.pm). vm_start runs inside the vzstart worker, so that
//     is the task's exit status.
//   - qemu-server: vm_start_nolock -> config_to_command reads the MTU of
//     every virtio NIC's bridge the same way (src/PVE/QemuServer.pm,
//     print_netdevice_full), inside an eval that re-dies the error as is:
//     the qmstart task ends with "bridge '$bridge' does not exist". For the
//     other NIC models the bridge is first touched by the tap script
//     (src/usr/pve-bridge -> PVE::Network::tap_create -> read_bridge_mtu,
//     same message) when QEMU is already starting; QEMU then exits and
//     the task ends with "start failed: QEMU exited with code 1"
//     (vm_start_nolock). The QEMU line in that task log ("network script
//     ... failed with status 512") is QEMU's wording from memory, unconfirmed.
//
// SDN vnets, which PVE also accepts as a NIC's bridge, are not emulated.

// defaultBridges is what a node has when the state names no bridges for it:
// the vmbr0 the PVE installer creates.
var defaultBridges = []string{"vmbr0"}

// bridgesOf returns the bridges of node.
func (st *state) bridgesOf(node string) []string {
	if b, ok := st.Bridges[node]; ok {
		return b
	}
	return defaultBridges
}

func (st *state) hasBridge(node, name string) bool {
	return contains(st.bridgesOf(node), name)
}

// SetBridges sets the bridges (network interfaces a guest NIC can be plugged
// into) of node, replacing the default vmbr0.
func (s *Server) SetBridges(node string, names ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.Bridges == nil {
		s.st.Bridges = map[string][]string{}
	}
	s.st.Bridges[node] = append([]string(nil), names...)
}

// Bridges returns the bridges of node.
func (s *Server) Bridges(node string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.st.bridgesOf(node)...)
}

// nic is one netN of a guest config.
type nic struct {
	key, model, bridge string
}

// nics returns g's NICs with a bridge, in the order PVE's start code walks
// them: sorted keys for containers, net0..netN for VMs.
func (s *Server) nics(g *guest) []nic {
	ms := createSchema(g.Type)
	var out []nic
	for k, v := range g.Conf {
		base, _, ok := splitIndex(k)
		if !ok || base != "net" {
			continue
		}
		p := ms.lookup(k)
		if p == nil || p.subSchema == nil {
			continue
		}
		kv, _ := parsePropertyString(p, v)
		if kv["bridge"] == "" {
			continue
		}
		out = append(out, nic{key: k, model: kv["model"], bridge: kv["bridge"]})
	}
	sort.Slice(out, func(i, j int) bool {
		if g.Type == "qemu" {
			_, a, _ := splitIndex(out[i].key)
			_, b, _ := splitIndex(out[j].key)
			return a < b
		}
		return out[i].key < out[j].key
	})
	return out
}

// startNetworkError is why starting g fails for a missing bridge: the task's
// exit status and extra task log lines; "" when every bridge exists.
func (s *Server) startNetworkError(g *guest) (string, []string) {
	nics := s.nics(g)
	missing := func(n nic) bool { return !s.st.hasBridge(g.Node, n.bridge) }
	if g.Type == "lxc" {
		for _, n := range nics {
			if missing(n) {
				return fmt.Sprintf("bridge '%s' does not exist", n.bridge), nil
			}
		}
		return "", nil
	}
	// config_to_command checks the virtio NICs before QEMU runs.
	for _, n := range nics {
		if n.model == "virtio" && missing(n) {
			return fmt.Sprintf("bridge '%s' does not exist", n.bridge), nil
		}
	}
	for _, n := range nics {
		if missing(n) {
			_, idx, _ := splitIndex(n.key)
			return "start failed: QEMU exited with code 1", []string{
				fmt.Sprintf("bridge '%s' does not exist", n.bridge),
				fmt.Sprintf("kvm: -netdev type=tap,id=%s,ifname=tap%di%d,script=/usr/libexec/qemu-server/pve-bridge,"+
					"downscript=/usr/libexec/qemu-server/pve-bridgedown: network script /usr/libexec/qemu-server/pve-bridge failed with status 512",
					n.key, g.VMID, idx),
			}
		}
	}
	return "", nil
}
