package routeros_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// TestAccExamples plans every RouterOS example against the emulator, so the
// documentation's examples stay valid for the schema.
func TestAccExamples(t *testing.T) {
	e := acctest.RouterOS(t)
	root := acctest.RepoRoot()
	files, _ := filepath.Glob(filepath.Join(root, "examples", "resources", "homelab_routeros_*", "resource.tf"))
	ds, _ := filepath.Glob(filepath.Join(root, "examples", "data-sources", "homelab_routeros_*", "data-source.tf"))
	if len(files) < 18 || len(ds) < 2 {
		t.Fatalf("found %d resource and %d data source examples", len(files), len(ds))
	}
	for _, f := range append(files, ds...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: acctest.ProviderConfig(e.Block()) + string(b), PlanOnly: true, ExpectNonEmptyPlan: true, // resources to add, outputs to set
				}},
			})
		})
	}
}
