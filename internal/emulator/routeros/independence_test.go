package routeros

import (
	"os/exec"
	"strings"
	"testing"
)

// TestEmulatorsImportNoProviderCode: the emulators stand in for the real
// systems, so they must encode the devices, never the provider: no package
// of either emulator (or of the homelab-emulator command) may depend on
// provider code. Sharing a table with the provider would make every
// acceptance test agree with itself.
func TestEmulatorsImportNoProviderCode(t *testing.T) {
	const module = "github.com/homelab-iac/terraform-provider-homelab/"
	out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}",
		module+"internal/emulator/...", module+"cmd/homelab-emulator").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	n := 0
	for _, pkg := range strings.Fields(string(out)) {
		rest, ours := strings.CutPrefix(pkg, module)
		if !ours {
			continue
		}
		n++
		if !strings.HasPrefix(rest, "internal/emulator/") && rest != "cmd/homelab-emulator" {
			t.Errorf("the emulators depend on provider package %s", pkg)
		}
	}
	if n < 3 {
		t.Fatalf("go list found only %d of our packages: %s", n, out)
	}
}
