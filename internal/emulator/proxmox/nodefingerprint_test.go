package proxmox

import (
	"crypto/sha256"
	"crypto/tls"
	"fmt"
	"strings"
	"testing"
)

// TestNodeSSLFingerprint: /nodes reports the SHA-256 fingerprint of the
// certificate the endpoint node actually serves.
func TestNodeSSLFingerprint(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	conn, err := tls.Dial("tcp", strings.TrimPrefix(s.URL(), "https://"), &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(conn.ConnectionState().PeerCertificates[0].Raw)
	conn.Close()
	var fp []string
	for _, b := range sum {
		fp = append(fp, fmt.Sprintf("%02X", b))
	}
	var nodes []map[string]any
	c.ok("GET", "/nodes", nil, &nodes)
	got := map[string]any{}
	for _, n := range nodes {
		got[n["node"].(string)] = n["ssl_fingerprint"]
	}
	if want := strings.Join(fp, ":"); got[s.EndpointNode()] != want {
		t.Fatalf("ssl_fingerprint of %s %v, served certificate %s", s.EndpointNode(), got[s.EndpointNode()], want)
	}
	if got["pve-s2"] == nil || got["pve-s2"] == got[s.EndpointNode()] {
		t.Fatalf("other nodes have their own certificate: %v", got)
	}
}
