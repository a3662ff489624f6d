package proxmox_test

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

const (
	tmplFile   = "ubuntu-24.04-standard_24.04-2_amd64.tar.zst"
	ostemplate = "local:vztmpl/" + tmplFile
)

// withTemplate puts the Ubuntu template on `local` of the given nodes, the
// way an admin (or homelab_proxmox_lxc_template) would.
func withTemplate(t *testing.T, e *acctest.ProxmoxEmulator, nodes ...string) {
	t.Helper()
	if len(nodes) == 0 {
		nodes = []string{"pve-s1"}
	}
	for _, n := range nodes {
		if _, err := e.Call("POST", "/nodes/"+n+"/aplinfo", map[string]string{"storage": "local", "template": tmplFile}); err != nil {
			t.Fatalf("downloading the template on %s: %v", n, err)
		}
	}
}

// errRe compiles an expected-error pattern; spaces match any whitespace
// because tofu wraps long diagnostics.
func errRe(s string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(s, " ", `\s+`))
}

// guestConfig reads a guest's config straight from the emulator.
func guestConfig(e *acctest.ProxmoxEmulator, kind, node string, vmid int) (map[string]any, error) {
	raw, err := e.Call("GET", fmt.Sprintf("/nodes/%s/%s/%d/config", node, kind, vmid), nil)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		// Call may return the whole envelope.
		var env struct {
			Data map[string]any `json:"data"`
		}
		if err2 := json.Unmarshal(raw, &env); err2 != nil {
			return nil, err
		}
		m = env.Data
	}
	if d, ok := m["data"].(map[string]any); ok {
		m = d
	}
	return m, nil
}

// clusterGuests lists the guests of the emulated cluster.
func clusterGuests(e *acctest.ProxmoxEmulator) ([]map[string]any, error) {
	raw, err := e.Call("GET", "/cluster/resources", map[string]string{"type": "vm"})
	if err != nil {
		return nil, err
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil {
		var env struct {
			Data []map[string]any `json:"data"`
		}
		if err2 := json.Unmarshal(raw, &env); err2 != nil {
			return nil, err
		}
		list = env.Data
	}
	return list, nil
}

// checkConfig asserts a config key of a guest on the emulator. A scalar
// want ("2048", "ct01005") must equal the value exactly (a description
// without the newline PVE appends to it); a want of key=value pairs
// ("size=16G", "tag=20,firewall=1") is a property-string check: each pair
// must be one of the value's comma-separated parts, so "size=16G" matches
// "local-lvm:vm-2001-disk-0,size=16G" but not "size=160G".
func checkConfig(e *acctest.ProxmoxEmulator, kind, node string, vmid int, key, want string) func(*terraform.State) error {
	return func(*terraform.State) error {
		cfg, err := guestConfig(e, kind, node, vmid)
		if err != nil {
			return err
		}
		got := fmt.Sprint(cfg[key])
		if cfg[key] == nil {
			got = ""
		}
		if err := configValueMatches(key, got, want); err != nil {
			return fmt.Errorf("%s %d %s: %w", kind, vmid, key, err)
		}
		return nil
	}
}

// configValueMatches is checkConfig's comparison of PVE's value got with
// want.
func configValueMatches(key, got, want string) error {
	if !strings.Contains(want, "=") {
		if key == "description" {
			got = strings.TrimSuffix(got, "\n")
		}
		if got != want {
			return fmt.Errorf("= %q, want %q", got, want)
		}
		return nil
	}
	parts := map[string]bool{}
	for _, p := range strings.Split(got, ",") {
		parts[p] = true
	}
	for _, w := range strings.Split(want, ",") {
		if !parts[w] {
			return fmt.Errorf("= %q, want the property %q in it", got, w)
		}
	}
	return nil
}

// checkNoGuests asserts the emulator holds no guests (destroy verified, or
// nothing created by a failed plan).
func checkNoGuests(e *acctest.ProxmoxEmulator) func(*terraform.State) error {
	return func(*terraform.State) error {
		list, err := clusterGuests(e)
		if err != nil {
			return err
		}
		if len(list) != 0 {
			return fmt.Errorf("expected no guests on the emulator, found %d: %v", len(list), list)
		}
		return nil
	}
}

// checkOnlyGuests asserts the emulator holds exactly the guests keep
// (templates made by the test), so a destroy that left a guest fails.
func checkOnlyGuests(e *acctest.ProxmoxEmulator, keep ...int) func(*terraform.State) error {
	return func(*terraform.State) error {
		list, err := clusterGuests(e)
		if err != nil {
			return err
		}
		want := map[string]bool{}
		for _, id := range keep {
			want[fmt.Sprint(id)] = true
		}
		var left []string
		for _, g := range list {
			id := fmt.Sprint(g["vmid"])
			if !want[id] {
				left = append(left, id)
			}
			delete(want, id)
		}
		if len(left) > 0 {
			return fmt.Errorf("guests %v still exist after destroy", left)
		}
		if len(want) > 0 {
			return fmt.Errorf("guests %v that must stay are gone", want)
		}
		return nil
	}
}

// waitTask waits until the task whose UPID an out-of-band Call returned has
// stopped (the emulator keeps the guest locked while it runs).
func waitTask(t *testing.T, e *acctest.ProxmoxEmulator, raw json.RawMessage) {
	t.Helper()
	var upid string
	if json.Unmarshal(raw, &upid) != nil || !strings.HasPrefix(upid, "UPID:") {
		return // finished synchronously
	}
	node := strings.SplitN(upid, ":", 3)[1]
	for i := 0; i < 200; i++ {
		st, err := e.Call("GET", "/nodes/"+node+"/tasks/"+upid+"/status", nil)
		if err != nil {
			t.Fatalf("task %s: %v", upid, err)
		}
		var m map[string]any
		_ = json.Unmarshal(st, &m)
		if m["status"] == "stopped" {
			if m["exitstatus"] != "OK" {
				t.Fatalf("task %s failed: %v", upid, m["exitstatus"])
			}
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("task %s did not finish", upid)
}
