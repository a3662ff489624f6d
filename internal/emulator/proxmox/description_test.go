package proxmox

import "testing"

// TestDescriptionTrailingNewline: qemu-server strips trailing whitespace
// from a VM's description, pve-container returns a container's with a
// trailing newline.
func TestDescriptionTrailingNewline(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", map[string]string{"description": "web\nfront \n\n"})
	c.createCT("pve-s1", "100", map[string]string{"description": "vault\n"})
	desc := func(path string) any {
		var conf map[string]any
		c.ok("GET", path, nil, &conf)
		return conf["description"]
	}
	if d := desc("/nodes/pve-s1/qemu/300/config"); d != "web\nfront" {
		t.Errorf("VM description %q, want %q", d, "web\nfront")
	}
	c.ok("PUT", "/nodes/pve-s1/qemu/300/config", map[string]string{"description": "heredoc\n"}, nil)
	if d := desc("/nodes/pve-s1/qemu/300/config"); d != "heredoc" {
		t.Errorf("VM description after PUT %q", d)
	}
	var pending []map[string]any
	c.ok("GET", "/nodes/pve-s1/qemu/300/pending", nil, &pending)
	for _, p := range pending {
		if p["key"] == "description" && p["value"] != "heredoc" {
			t.Errorf("VM pending description %q", p["value"])
		}
	}
	if d := desc("/nodes/pve-s1/lxc/100/config"); d != "vault\n" {
		t.Errorf("CT description %q, want %q", d, "vault\n")
	}
}
