package proxmox

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// randomMAC is a MAC with the Proxmox OUI BC:24:11, as PVE generates them.
func randomMAC() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("BC:24:11:%02X:%02X:%02X", b[0], b[1], b[2])
}

func (s *Server) printQemuNet(g *guest, k string, p *paramSchema, kv map[string]string) string {
	if kv["macaddr"] == "" {
		if old, ok := g.Conf[k]; ok {
			okv, _ := parsePropertyString(p, old)
			kv["macaddr"] = okv["macaddr"]
		}
		if kv["macaddr"] == "" {
			kv["macaddr"] = randomMAC()
		}
	}
	head := kv["model"] + "=" + strings.ToUpper(kv["macaddr"])
	delete(kv, "model")
	delete(kv, "macaddr")
	rest := printPropertyString(p, kv)
	if rest == "" {
		return head
	}
	return head + "," + rest
}
