package proxmox

import (
	"strings"
	"testing"
)

// TestQueryURLMetadata: filename, size and mimetype of a URL; an
// unreachable host is an invalid server response.
func TestQueryURLMetadata(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	s.SetDownload("https://cdimage.example.org/debian/debian-13.iso?x=1", []byte("0123456789"))
	var m map[string]any
	c.ok("GET", "/nodes/pve-s1/query-url-metadata", map[string]string{"url": "https://cdimage.example.org/debian/debian-13.iso?x=1"}, &m)
	if m["filename"] != "debian-13.iso" || m["size"] != float64(10) || m["mimetype"] != "application/x-iso9660-image" {
		t.Fatalf("metadata %v", m)
	}
	c.fails("GET", "/nodes/pve-s1/query-url-metadata", map[string]string{"url": "https://mirror.invalid/x.iso"}, 500,
		"invalid server response: '500 Can't connect to mirror.invalid:443")
	c.fails("GET", "/nodes/pve-s1/query-url-metadata", map[string]string{"url": "ftp://x/y"}, 400, "value does not match the regex pattern")
}

// TestLXCInterfaces: null while stopped; lo and the configured NICs with
// their static and link-local addresses while running.
func TestLXCInterfaces(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	c.createCT("pve-s1", "100", map[string]string{"net0": "name=eth0,bridge=vmbr0,ip=10.0.0.5/24,hwaddr=BC:24:11:00:00:01"})
	r := c.do("GET", "/nodes/pve-s1/lxc/100/interfaces", nil)
	if r.Status != 200 || string(r.Data) != "null" {
		t.Fatalf("stopped CT: %s", r.raw)
	}
	c.okTask("POST", "/nodes/pve-s1/lxc/100/status/start", nil)
	var ifs []map[string]any
	c.ok("GET", "/nodes/pve-s1/lxc/100/interfaces", nil, &ifs)
	if len(ifs) != 2 || ifs[0]["name"] != "lo" || ifs[0]["inet"] != "127.0.0.1/8" {
		t.Fatalf("interfaces %v", ifs)
	}
	eth := ifs[1]
	if eth["name"] != "eth0" || eth["hwaddr"] != "bc:24:11:00:00:01" || eth["hardware-address"] != "bc:24:11:00:00:01" ||
		eth["inet"] != "10.0.0.5/24" || eth["inet6"] != "fe80::be24:11ff:fe00:1/64" {
		t.Fatalf("eth0 %v", eth)
	}
	addrs := eth["ip-addresses"].([]any)
	if a := addrs[0].(map[string]any); len(addrs) != 2 || a["ip-address"] != "10.0.0.5" || a["prefix"] != float64(24) || a["ip-address-type"] != "inet" {
		t.Fatalf("ip-addresses %v", addrs)
	}
}

// TestAgentNetworkGetInterfaces: the guest agent checks, in qemu-server's
// order; no agent ever runs in the emulator.
func TestAgentNetworkGetInterfaces(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", nil)
	createVM(c, "pve-s1", "301", map[string]string{"agent": "1"})
	path := func(id string) string { return "/nodes/pve-s1/qemu/" + id + "/agent/network-get-interfaces" }
	c.fails("GET", path("300"), nil, 500, "No QEMU guest agent configured")
	c.fails("GET", path("301"), nil, 500, "VM 301 is not running")
	c.okTask("POST", "/nodes/pve-s1/qemu/301/status/start", nil)
	c.fails("GET", path("301"), nil, 500, "QEMU guest agent is not running")
}

// TestHAMigrateRelocate: the CRM moves an HA resource (and those in
// positive affinity with it), refuses a target where a resource in
// negative affinity runs, and answers what it found.
func TestHAMigrateRelocate(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	for _, id := range []string{"100", "101", "102", "103"} {
		c.createCT("pve-s1", id, nil)
	}
	createVM(c, "pve-s1", "300", map[string]string{"start": "1"})
	for _, sid := range []string{"ct:100", "ct:101", "ct:102", "vm:300"} {
		c.ok("POST", "/cluster/ha/resources", map[string]string{"sid": sid}, nil)
	}
	c.ok("POST", "/cluster/ha/rules", map[string]string{"rule": "pair", "type": "resource-affinity", "resources": "ct:100,ct:101", "affinity": "positive"}, nil)
	c.ok("POST", "/cluster/ha/rules", map[string]string{"rule": "apart", "type": "resource-affinity", "resources": "ct:100,ct:102", "affinity": "negative"}, nil)

	c.fails("POST", "/cluster/ha/resources/ct:103/migrate", map[string]string{"node": "pve-s2"}, 500, "resource 'ct:103' is not HA managed")
	c.fails("POST", "/cluster/ha/resources/999/migrate", map[string]string{"node": "pve-s2"}, 500, "unable to detect SID from VMID - VM/CT 999 does not exist")

	var res map[string]any
	c.ok("POST", "/cluster/ha/resources/100/migrate", map[string]string{"node": "pve-s2"}, &res)
	if res["sid"] != "ct:100" || res["requested-node"] != "pve-s2" || strings.Join(toStrings(res["comigrated-resources"]), ",") != "ct:101" || res["blocking-resources"] != nil {
		t.Fatalf("migrate answer %v", res)
	}
	node := func(id int) string {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.st.Guests[id].Node
	}
	if node(100) != "pve-s2" || node(101) != "pve-s2" || node(102) != "pve-s1" {
		t.Fatalf("after migrate: %s %s %s", node(100), node(101), node(102))
	}
	// ct:102 (negative affinity) is on pve-s1: the CRM refuses to go there.
	res = nil
	c.ok("POST", "/cluster/ha/resources/ct:100/relocate", map[string]string{"node": "pve-s1"}, &res)
	blocking, _ := res["blocking-resources"].([]any)
	if len(blocking) != 1 || blocking[0].(map[string]any)["sid"] != "ct:102" || blocking[0].(map[string]any)["cause"] != "resource-affinity" || node(100) != "pve-s2" {
		t.Fatalf("blocked relocate: %v, node %s", res, node(100))
	}
	c.ok("POST", "/cluster/ha/resources/vm:300/migrate", map[string]string{"node": "pve-s3"}, nil)
	var st map[string]any
	c.ok("GET", "/nodes/pve-s3/qemu/300/status/current", nil, &st)
	if st["status"] != "running" {
		t.Fatalf("VM after HA migration: %v", st)
	}
	if len(s.st.volumesOn("pve-s3", "local-lvm")) != 1 {
		t.Fatal("the VM's local disk did not move")
	}
}

func toStrings(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		out = append(out, x.(string))
	}
	return out
}
