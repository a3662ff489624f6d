package adopt

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func sample() *Result {
	return &Result{
		System: "Test", Origin: "unit test",
		Provider:  &Block{Type: "routeros", Attrs: []Attr{{Name: "url", Value: Ref("var.routeros_url")}}},
		Variables: []Variable{{Name: "routeros_url", Type: "string", Nullable: true}, {Name: "wg_private_key", Type: "string", Sensitive: true}},
		Resources: []*Resource{
			{Type: "homelab_routeros_interface_bridge", Name: "bridge_proxmox", File: "router-interfaces.tf", ImportID: "bridge-proxmox",
				Attrs: []Attr{{Name: "name", Value: String("bridge-proxmox")}, {Name: "priority", Value: Number(16384)}, {Name: "auto_mac", Value: Bool(false)}}},
			{Type: "homelab_routeros_interface_bridge_port", Name: "ether2", File: "router-interfaces.tf", ImportID: "*1",
				Attrs: []Attr{{Name: "bridge", Value: Ref("homelab_routeros_interface_bridge.bridge_proxmox.name")},
					{Name: "interface", Value: String("ether2")}}},
			{Type: "homelab_routeros_ip_firewall_filter", Name: "input", File: "router-firewall.tf", ImportID: "input",
				Attrs: []Attr{{Name: "chain", Value: String("input")}, {Name: "rule", Value: Objects{
					{{Name: "action", Value: String("accept")}, {Name: "connection_state", Value: Tuple{String("established"), String("related")}}},
					{{Name: "action", Value: String("drop")}, {Name: "in_interface", Value: Ref("homelab_routeros_interface_bridge.bridge_proxmox.name")}},
				}}}},
			{Type: "homelab_routeros_interface_wg", Name: "wg", File: "router-interfaces.tf", ImportID: "wg",
				Attrs: []Attr{{Name: "private_key", Value: Ref("var.wg_private_key")}}},
		},
		Skipped: []Skipped{{Menu: "/ip/route", Object: "add dst-address=10.0.0.0/8 | x", Line: 12, Reason: "menu not supported"}},
	}
}

func TestGenerate(t *testing.T) {
	files, sum, err := Generate([]*Result{sample()}, false)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Imports != 4 {
		t.Errorf("imports = %d", sum.Imports)
	}
	wantIface := header + `resource "homelab_routeros_interface_bridge" "bridge_proxmox" {
  name     = "bridge-proxmox"
  priority = 16384
  auto_mac = false
}

resource "homelab_routeros_interface_bridge_port" "ether2" {
  bridge    = homelab_routeros_interface_bridge.bridge_proxmox.name
  interface = "ether2"
}

resource "homelab_routeros_interface_wg" "wg" {
  private_key = var.wg_private_key
}
`
	if got := string(files["router-interfaces.tf"]); got != wantIface {
		t.Errorf("router-interfaces.tf =\n%s\nwant\n%s", got, wantIface)
	}
	wantFW := header + `resource "homelab_routeros_ip_firewall_filter" "input" {
  chain = "input"
  rule = [
    {
      action           = "accept"
      connection_state = ["established", "related"]
    },
    {
      action       = "drop"
      in_interface = homelab_routeros_interface_bridge.bridge_proxmox.name
    },
  ]
}
`
	if got := string(files["router-firewall.tf"]); got != wantFW {
		t.Errorf("router-firewall.tf =\n%s\nwant\n%s", got, wantFW)
	}
	vars := string(files["variables.tf"])
	if !strings.Contains(vars, "variable \"wg_private_key\" {\n  type      = string\n  sensitive = true\n}") ||
		!strings.Contains(vars, "variable \"routeros_url\" {\n  type    = string\n  default = null\n}") {
		t.Errorf("variables.tf =\n%s", vars)
	}
	imports := string(files["imports.tf"])
	if !strings.Contains(imports, "import {\n  to = homelab_routeros_interface_bridge_port.ether2\n  id = \"*1\"\n}") {
		t.Errorf("imports.tf =\n%s", imports)
	}
	rep := string(files["IMPORT-REPORT.md"])
	for _, want := range []string{"| `homelab_routeros_interface_bridge` | 1 |", "| **total** | **4** |", `add dst-address=10.0.0.0/8 \| x`, "| 12 |"} {
		if !strings.Contains(rep, want) {
			t.Errorf("report lacks %q:\n%s", want, rep)
		}
	}
}

func TestUnexpressedRefusedUnlessPartial(t *testing.T) {
	r := sample()
	r.Unexpressed = []Skipped{{Menu: "/ip/firewall/filter", Object: "chain input rule 0", Field: "tcp-flags", Reason: "not supported"}}
	if _, _, err := Generate([]*Result{r}, false); err == nil || !strings.Contains(err.Error(), "tcp-flags") {
		t.Fatalf("err = %v, want the unexpressed field listed", err)
	}
	files, _, err := Generate([]*Result{r}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["IMPORT-REPORT.md"]), "tcp-flags") {
		t.Error("the report does not list what was left out")
	}
}

func TestDirRefusedUnlessForce(t *testing.T) {
	dir := t.TempDir()
	if err := checkDir(dir, false); err != nil {
		t.Fatalf("empty dir refused: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "main.tf"), []byte("# mine\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "router-dns.tf"), []byte(header+"# old\n"), 0o644)
	err := checkDir(dir, false)
	if err == nil || !strings.Contains(err.Error(), "main.tf") || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("err = %v", err)
	}
	if err := checkDir(dir, true); err != nil {
		t.Fatal(err)
	}
	files, _, _ := Generate([]*Result{sample()}, false)
	if err := writeFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "main.tf")); err != nil {
		t.Error("a file written by hand was removed")
	}
	if _, err := os.Stat(filepath.Join(dir, "router-dns.tf")); err == nil {
		t.Error("a stale generated file was kept")
	}
}
