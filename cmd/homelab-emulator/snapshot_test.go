package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/emulator/routeros"
)

// `snapshot routeros` reads a router (an emulator standing in for it) with
// the provider's variables; `routeros --seed` loads the file with the same
// ids; the file holds no secret.
func TestSnapshotRouterOS(t *testing.T) {
	realRouter, err := routeros.Start(routeros.Config{Users: map[string]string{"admin": "pw"}, Seed: `
/interface vlan
add interface=ether2 name=ether2-vlan-10 vlan-id=10
add interface=ether2 name=ether2-vlan-20 vlan-id=20
/interface vlan
remove [ find name=ether2-vlan-10 ]
/interface wireguard
add name=wg-remote private-key="QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A="
`})
	if err != nil {
		t.Fatal(err)
	}
	defer realRouter.Close()
	t.Setenv("ROUTEROS_URL", "api://"+realRouter.Addr())
	t.Setenv("ROUTEROS_USERNAME", "admin")
	t.Setenv("ROUTEROS_PASSWORD", "pw")
	file := filepath.Join(t.TempDir(), "router.json")
	if code := run([]string{"snapshot", "routeros", "--out", file}); code != 0 {
		t.Fatalf("snapshot exit %d", code)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A=") || strings.Contains(string(b), `"pw"`) {
		t.Fatal("the snapshot holds a secret")
	}
	var cfg routeros.Config
	if err := readSeed(&cfg, file, false); err != nil {
		t.Fatal(err)
	}
	twin, err := routeros.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer twin.Close()
	want, _ := realRouter.Run("/interface/vlan/print")
	got, _ := twin.Run("/interface/vlan/print")
	if len(want) != 1 || len(got) != 1 || got[0][".id"] != want[0][".id"] || got[0]["name"] != "ether2-vlan-20" {
		t.Fatalf("twin vlans %v, want %v", got, want)
	}
	// The next row continues after the real router's ids.
	added, err := twin.Run("/interface/vlan/add", "=name=v30", "=vlan-id=30", "=interface=ether2")
	if err != nil || len(added) != 1 {
		t.Fatalf("add: %v %v", added, err)
	}
	if id := added[0]["ret"]; id == want[0][".id"] || id == "*1" {
		t.Fatalf("new id %s reuses an id of the real router (%s)", id, want[0][".id"])
	}
	var snap routeros.Snapshot
	_ = json.Unmarshal(b, &snap)
	if snap.Format != routeros.SnapshotFormat || !strings.Contains(snap.Note, "no secrets") {
		t.Errorf("format %q note %q", snap.Format, snap.Note)
	}
}
