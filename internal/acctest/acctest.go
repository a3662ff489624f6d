// Package acctest is the acceptance-test harness: it points terraform-plugin-testing
// at the project's pinned OpenTofu binary, serves the provider in-process, and
// starts the servers tests run against (a Vault dev server, the emulators).
//
// A package with acceptance tests uses it from an external test package:
//
//	func TestMain(m *testing.M) { os.Exit(acctest.Run(m)) }
package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/homelab-iac/terraform-provider-homelab/internal/provider"
)

// ProviderName is the provider's local name in test configurations.
const ProviderName = "homelab"

// ProtoV6ProviderFactories serves the provider in-process to the tofu binary.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	ProviderName: provider.Server(provider.New("test")()),
}

var (
	cleanupMu sync.Mutex
	cleanups  []func()
)

// addCleanup registers a function Run calls after all tests, for servers
// shared by the whole test binary.
func addCleanup(f func()) {
	cleanupMu.Lock()
	defer cleanupMu.Unlock()
	cleanups = append(cleanups, f)
}

// Run prepares the environment, runs the tests and stops shared servers.
func Run(m *testing.M) int {
	if err := setupTofu(); err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		return 1
	}
	code := m.Run()
	cleanupMu.Lock()
	defer cleanupMu.Unlock()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	return code
}

// setupTofu sets the variables terraform-plugin-testing needs to drive OpenTofu
// (see reference: plugin-testing finds the CLI through TF_ACC_TERRAFORM_PATH,
// and OpenTofu needs the hashicorp namespace on its own registry host).
func setupTofu() error {
	if os.Getenv("TF_ACC") == "" {
		return nil
	}
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		tofu := filepath.Join(RepoRoot(), "bin", "tofu")
		if _, err := os.Stat(tofu); err != nil {
			return fmt.Errorf("OpenTofu not found at %s: run `make tools` or set TF_ACC_TERRAFORM_PATH", tofu)
		}
		os.Setenv("TF_ACC_TERRAFORM_PATH", tofu)
	}
	// The tests own the CLI configuration: a user's dev_overrides or plugin
	// cache must not change what they run, and a TF_CLI_CONFIG_FILE naming a
	// missing file makes tofu print a warning that breaks version detection.
	cliConfig := filepath.Join(os.TempDir(), "homelab-acctest.tofurc")
	if err := os.WriteFile(cliConfig, []byte("# empty: acceptance tests use only the in-process provider\n"), 0o644); err != nil {
		return err
	}
	os.Setenv("TF_CLI_CONFIG_FILE", cliConfig)
	setDefault("TF_ACC_PROVIDER_NAMESPACE", "hashicorp")
	setDefault("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
	setDefault("CHECKPOINT_DISABLE", "1")
	return nil
}

func setDefault(key, value string) {
	if os.Getenv(key) == "" {
		os.Setenv(key, value)
	}
}

// RepoRoot is the directory holding the project's go.mod.
func RepoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil &&
			strings.Contains(string(b), "module github.com/homelab-iac/terraform-provider-homelab\n") {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// SkipUnlessAcc skips a test that needs servers when TF_ACC is not set, the
// same condition under which resource.Test skips.
func SkipUnlessAcc(t testing.TB) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make testacc)")
	}
}

// ProviderConfig returns a provider block holding the given inner blocks,
// e.g. ProviderConfig(Vault(t).Block()).
func ProviderConfig(blocks ...string) string {
	return "provider \"homelab\" {\n" + strings.Join(blocks, "\n") + "\n}\n"
}
