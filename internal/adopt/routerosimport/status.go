package routerosimport

// statusFields are what RouterOS prints about a row's state rather than its
// configuration (counters, flags, computed values). They are neither
// imported nor reported as unsupported settings.
var statusFields = map[string]bool{
	".id": true, ".nextid": true, "dynamic": true, "builtin": true, "running": true, "slave": true, "invalid": true,
	"bytes": true, "packets": true, "l2mtu": true, "actual-mtu": true, "orig-mac-address": true, "default-name": true,
	"type": true, "status": true, "inactive": true, "hw-offload": true, "current-tagged": true, "current-untagged": true,
	"total": true, "used": true, "available": true, "actual-interface": true, "blocked": true, "cache-used": true,
	"dynamic-servers": true, "loop-protect-status": true, "active-address": true, "active-mac-address": true,
	"active-client-id": true, "active-server": true, "host-name": true, "expires-after": true, "last-seen": true,
	"radius": true, "fp-rx-byte": true, "fp-rx-packet": true, "fp-tx-byte": true, "fp-tx-packet": true,
	"rx-byte": true, "tx-byte": true, "rx-packet": true, "tx-packet": true, "link-downs": true, "last-link-up-time": true,
	"last-link-down-time": true, "port-number": true, "role": true, "designated-bridge": true, "root-bridge": true,
	"root-bridge-id": true, "root-path-cost": true, "root-port": true, "debug-info": true, "edge-port": true,
	"edge-port-discovery": true, "external-fdb-status": true, "forwarding": true, "learning": true,
	"point-to-point-port": true, "sending-rstp": true, "agent-circuit-id": true, "agent-remote-id": true,
	"class-id": true, "age": true, "dynamic-mtu": true, "creation-time": true, "active": true, "connect": true,
	"static": true, "immediate-gw": true, "gateway-status": true, "hw-offloaded": true, "ecmp": true,
	"primary-dns": true, "secondary-dns": true, "primary-ntp": true, "secondary-ntp": true, "dhcp-server": true,
	"gateway": true, "expires-after-time": true,
}
