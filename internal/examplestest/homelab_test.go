// Package examplestest applies the repository's examples with the real tofu
// binary, so the configuration users copy first is known to work.
package examplestest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }

// TestAccHomelabExample applies examples/homelab to the emulators and a Vault
// dev server, requires an empty plan after the apply, destroys it, and checks
// that the emulated router and cluster hold nothing of it any more.
func TestAccHomelabExample(t *testing.T) {
	ros := acctest.RouterOS(t)
	pve := acctest.Proxmox(t)
	vault := acctest.Vault(t)
	root := acctest.RepoRoot()
	work := t.TempDir()

	// The example is applied as a user would: the provider binary installed
	// through a dev_overrides CLI configuration, the example's own files.
	plugins := filepath.Join(work, "plugins")
	run(t, root, nil, "go", "build", "-o", filepath.Join(plugins, "terraform-provider-homelab"), ".")
	caFile := filepath.Join(work, "pve-ca.pem")
	if err := os.WriteFile(caFile, pve.CACertPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(work, "tofurc")
	cfg := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.opentofu.org/homelab-iac/homelab\" = %q\n  }\n  direct {}\n}\n", plugins)
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"TF_CLI_CONFIG_FILE=" + rc,
		"TF_DATA_DIR=" + filepath.Join(work, "tfdata"),
		"TF_IN_AUTOMATION=1",
		"TF_VAR_routeros_url=api://" + ros.Addr(),
		"TF_VAR_routeros_username=" + ros.Username,
		"TF_VAR_routeros_password=" + ros.Password,
		"TF_VAR_proxmox_endpoint=" + pve.URL(),
		"TF_VAR_proxmox_api_token=" + pve.TokenID + "=" + pve.TokenSecret,
		"TF_VAR_proxmox_ca_certificate=" + caFile,
		"TF_VAR_vault_address=" + vault.Addr,
		"TF_VAR_vault_token=" + vault.Token,
	}
	tofu := os.Getenv("TF_ACC_TERRAFORM_PATH")
	dir := filepath.Join(root, "examples", "homelab")
	state := "-state=" + filepath.Join(work, "terraform.tfstate")

	// `get` installs the local modules; with dev_overrides, init would try the registry.
	run(t, dir, env, tofu, "get")
	run(t, dir, env, tofu, "apply", "-input=false", "-auto-approve", "-parallelism=20", state)
	out, code := runCode(t, dir, env, tofu, "plan", "-input=false", "-detailed-exitcode", "-parallelism=20", state)
	if code != 0 {
		t.Fatalf("the plan after apply is not empty (exit %d):\n%s", code, out)
	}

	// What the apply built is really there.
	assertRows(t, ros, "/interface/vlan/print", 6)
	assertRows(t, ros, "/interface/bridge/print", 5)
	assertRows(t, ros, "/ip/dhcp-server/print", 5)
	assertRows(t, ros, "/ip/firewall/filter/print", 16) // input 7, forward 9
	assertRows(t, ros, "/ip/firewall/nat/print", 1)
	assertGuests(t, pve, 18)

	run(t, dir, env, tofu, "destroy", "-input=false", "-auto-approve", "-parallelism=20", state)
	assertRows(t, ros, "/interface/vlan/print", 0)
	assertRows(t, ros, "/interface/bridge/print", 0)
	assertRows(t, ros, "/ip/dhcp-server/print", 0)
	assertRows(t, ros, "/ip/firewall/filter/print", 0)
	assertRows(t, ros, "/ip/firewall/nat/print", 0)
	assertGuests(t, pve, 0)
}

func assertRows(t *testing.T, ros *acctest.RouterOSEmulator, print string, want int) {
	t.Helper()
	rows, err := ros.Run(print)
	if err != nil {
		t.Fatalf("%s: %v", print, err)
	}
	if len(rows) != want {
		t.Errorf("%s: %d rows on the emulator, want %d", print, len(rows), want)
	}
}

func assertGuests(t *testing.T, pve *acctest.ProxmoxEmulator, want int) {
	t.Helper()
	raw, err := pve.Call("GET", "/cluster/resources", map[string]string{"type": "vm"})
	if err != nil {
		t.Fatalf("/cluster/resources: %v", err)
	}
	var guests []map[string]any
	if err := json.Unmarshal(raw, &guests); err != nil {
		t.Fatalf("/cluster/resources: %v", err)
	}
	if len(guests) != want {
		t.Errorf("%d guests on the emulated cluster, want %d", len(guests), want)
	}
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := runCode(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", filepath.Base(name), strings.Join(args, " "), code, out)
	}
	return out
}

func runCode(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return buf.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return buf.String(), 0
}
