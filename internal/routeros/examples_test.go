package routeros_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
	"github.com/homelab-iac/terraform-provider-homelab/internal/routeros"
)

// typeNames are the type names of resources and data sources.
func typeNames(t *testing.T, res []func() fwresource.Resource, ds []func() datasource.DataSource) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, f := range res {
		var m fwresource.MetadataResponse
		f().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "homelab"}, &m)
		out = append(out, m.TypeName)
	}
	for _, f := range ds {
		var m datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "homelab"}, &m)
		out = append(out, m.TypeName)
	}
	return out
}

// TestAccExamples plans every RouterOS example against the emulator, so the
// documentation's examples stay valid for the schema.
func TestAccExamples(t *testing.T) {
	e := acctest.RouterOS(t)
	root := acctest.RepoRoot()
	files, _ := filepath.Glob(filepath.Join(root, "examples", "resources", "homelab_routeros_*", "resource.tf"))
	ds, _ := filepath.Glob(filepath.Join(root, "examples", "data-sources", "homelab_routeros_*", "data-source.tf"))
	// Every resource and data source has its example (and every resource its import.sh).
	for _, typ := range typeNames(t, routeros.Resources(), nil) {
		for _, f := range []string{"resource.tf", "import.sh"} {
			if _, err := os.Stat(filepath.Join(root, "examples", "resources", typ, f)); err != nil {
				t.Errorf("%s has no examples/resources/%s/%s", typ, typ, f)
			}
		}
	}
	for _, typ := range typeNames(t, nil, routeros.DataSources()) {
		if _, err := os.Stat(filepath.Join(root, "examples", "data-sources", typ, "data-source.tf")); err != nil {
			t.Errorf("%s has no examples/data-sources/%s/data-source.tf", typ, typ)
		}
	}
	if want := len(routeros.Resources()) + len(routeros.DataSources()); len(files)+len(ds) != want {
		t.Errorf("%d examples for %d RouterOS resources and data sources", len(files)+len(ds), want)
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
