package proxmox

import (
	"fmt"
)

// GET /version
func (s *Server) version(r *request) (any, *apiError) {
	return map[string]any{"version": "9.1.4", "release": "9.1", "repoid": "5f8a2ac7b1e4d3f0", "console": "xtermjs"}, nil
}

// GET /cluster/status
func (s *Server) clusterStatus(r *request) (any, *apiError) {
	out := []map[string]any{{
		"type": "cluster", "id": "cluster", "name": "homelab", "nodes": len(s.st.Nodes), "quorate": 1, "version": len(s.st.Nodes),
	}}
	for i, n := range s.st.Nodes {
		out = append(out, map[string]any{
			"type": "node", "id": "node/" + n, "name": n, "nodeid": i + 1, "online": 1, "local": b2i(n == s.certs.endpoint),
			"ip": fmt.Sprintf("127.0.0.%d", i+1), "level": "",
		})
	}
	return out, nil
}

// GET /nodes
func (s *Server) nodeList(r *request) (any, *apiError) {
	var out []map[string]any
	for _, n := range s.st.Nodes {
		e := s.nodeEntry(n)
		e["ssl_fingerprint"] = s.sslFingerprint(n) // only here, not in /cluster/resources
		out = append(out, e)
	}
	return out, nil
}

func (s *Server) nodeEntry(n string) map[string]any {
	return map[string]any{
		"node": n, "id": "node/" + n, "type": "node", "status": "online", "cpu": 0.02, "maxcpu": nodeCPUs,
		"mem": 4 * gib, "maxmem": 32 * gib, "disk": 10 * gib, "maxdisk": 100 * gib, "uptime": 86400, "level": "",
	}
}

// GET /nodes/{node}/status
func (s *Server) nodeStatus(r *request) (any, *apiError) {
	return map[string]any{
		"uptime": 86400, "loadavg": []string{"0.10", "0.05", "0.01"}, "cpu": 0.02, "wait": 0,
		"cpuinfo":        map[string]any{"cpus": nodeCPUs, "cores": 4, "sockets": 1, "model": "Emulated CPU", "mhz": "3000.000", "hvm": "1"},
		"memory":         map[string]any{"total": 32 * gib, "used": 4 * gib, "free": 28 * gib},
		"swap":           map[string]any{"total": 8 * gib, "used": 0, "free": 8 * gib},
		"rootfs":         map[string]any{"total": 100 * gib, "used": 10 * gib, "free": 90 * gib, "avail": 90 * gib},
		"kversion":       "Linux 6.17.2-1-pve #1 SMP PREEMPT_DYNAMIC PMX 6.17.2-1",
		"pveversion":     "pve-manager/9.1.4/5f8a2ac7b1e4d3f0",
		"boot-info":      map[string]any{"mode": "efi", "secureboot": 0},
		"current-kernel": map[string]any{"sysname": "Linux", "release": "6.17.2-1-pve", "machine": "x86_64"},
	}, nil
}

// nodeCPUs is every emulated node's CPU count.
const nodeCPUs = 8
