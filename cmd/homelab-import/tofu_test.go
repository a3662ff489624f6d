package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// The guarantee is checked with the real tofu and the provider binary built
// from this repository, installed by `tofu init` from a filesystem mirror
// (dev_overrides would skip init, which users run).

var (
	pluginOnce sync.Once
	pluginDir  string
	pluginErr  error
)

// providerPlugins builds the provider once per test binary.
func providerPlugins(t *testing.T) string {
	t.Helper()
	pluginOnce.Do(func() {
		dir, err := os.MkdirTemp("", "homelab-import-plugins")
		if err != nil {
			pluginErr = err
			return
		}
		pluginDir = dir
		bin := filepath.Join(dir, "registry.opentofu.org", "homelab-iac", "homelab", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH, "terraform-provider-homelab_v0.0.1")
		cmd := exec.Command("go", "build", "-o", bin, ".")
		cmd.Dir = acctest.RepoRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			pluginErr = fmt.Errorf("building the provider: %v\n%s", err, out)
		}
	})
	if pluginErr != nil {
		t.Fatal(pluginErr)
	}
	return pluginDir
}

// tofuEnv is the environment tofu runs in: the provider from this repo, and
// vars (the systems' settings) as the generated variables expect them.
func tofuEnv(t *testing.T, vars map[string]string) []string {
	t.Helper()
	work := t.TempDir()
	rc := filepath.Join(work, "tofurc")
	cfg := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [\"registry.opentofu.org/homelab-iac/homelab\"]\n  }\n}\n", providerPlugins(t))
	if err := os.WriteFile(rc, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"TF_CLI_CONFIG_FILE=" + rc,
		"TF_DATA_DIR=" + filepath.Join(work, "tfdata"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	}
	for name, v := range vars {
		env = append(env, "TF_VAR_"+name+"="+v)
	}
	// The secrets the configuration asks for, as a user passes them.
	for name, v := range secrets {
		env = append(env, "TF_VAR_"+name+"="+v)
	}
	return env
}

func tofu(t *testing.T, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	args = append([]string{args[0], "-no-color"}, args[1:]...)
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return buf.String(), ee.ExitCode()
	}
	if err != nil {
		t.Fatalf("tofu %s: %v", strings.Join(args, " "), err)
	}
	return buf.String(), 0
}

func mustTofu(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	out, code := tofu(t, dir, env, args...)
	if code != 0 {
		t.Fatalf("tofu %s: exit %d\n%s", strings.Join(args, " "), code, out)
	}
	return out
}

type planJSON struct {
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			Actions   []string        `json:"actions"`
			Importing json.RawMessage `json:"importing"`
			Before    json.RawMessage `json:"before"`
			After     json.RawMessage `json:"after"`
		} `json:"change"`
	} `json:"resource_changes"`
}

// routerVars are the generated configuration's variables for the router e.
func routerVars(e *acctest.RouterOSEmulator) map[string]string {
	return map[string]string{"routeros_url": "api://" + e.Addr(), "routeros_username": e.Username, "routeros_password": e.Password}
}

// checkImportCycle runs the guarantee in dir against the systems vars point
// at: the first plan is imports only (one per import block), apply, then the
// next plan is empty.
func checkImportCycle(t *testing.T, dir string, vars map[string]string) {
	t.Helper()
	env := tofuEnv(t, vars)
	mustTofu(t, dir, nil, "fmt", "-check", "-diff")
	mustTofu(t, dir, env, "init", "-input=false")
	imports := strings.Count(readFile(t, filepath.Join(dir, "imports.tf")), "import {")
	out := mustTofu(t, dir, env, "plan", "-input=false", "-parallelism=20", "-out=import.tfplan")
	want := fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", imports)
	if !strings.Contains(out, want) {
		t.Errorf("the import plan is not %q:\n%s", want, out)
	}
	var plan planJSON
	if err := json.Unmarshal([]byte(mustTofu(t, dir, env, "show", "-json", "import.tfplan")), &plan); err != nil {
		t.Fatal(err)
	}
	if len(plan.ResourceChanges) != imports {
		t.Errorf("%d resource changes, want %d (one per import block)", len(plan.ResourceChanges), imports)
	}
	for _, rc := range plan.ResourceChanges {
		if strings.Join(rc.Change.Actions, ",") != "no-op" || len(rc.Change.Importing) == 0 || string(rc.Change.Importing) == "null" {
			t.Errorf("%s: actions %v, importing %s; want an import without changes\nbefore: %s\nafter:  %s",
				rc.Address, rc.Change.Actions, rc.Change.Importing, rc.Change.Before, rc.Change.After)
		}
	}
	if t.Failed() {
		return
	}
	mustTofu(t, dir, env, "apply", "-input=false", "-parallelism=20", "import.tfplan")
	if out, code := tofu(t, dir, env, "plan", "-input=false", "-parallelism=20", "-detailed-exitcode"); code != 0 {
		t.Errorf("the plan after apply is not empty (exit %d):\n%s", code, out)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
