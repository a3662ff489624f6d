package proxmox_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/homelab-iac/terraform-provider-homelab/internal/acctest"
)

// TestAccExamples plans every Proxmox example against the emulator, so the
// documented configurations stay valid for the schema.
func TestAccExamples(t *testing.T) {
	e := acctest.Proxmox(t)
	t.Setenv("TF_VAR_ct_root_password", "example-pw")
	t.Setenv("TF_VAR_ci_password", "example-ci-pw")
	root := acctest.RepoRoot()
	files, _ := filepath.Glob(filepath.Join(root, "examples", "resources", "homelab_proxmox_*", "resource.tf"))
	ds, _ := filepath.Glob(filepath.Join(root, "examples", "data-sources", "homelab_proxmox_*", "data-source.tf"))
	files = append(files, ds...)
	if len(files) < 6 {
		t.Fatalf("found only %d Proxmox examples", len(files))
	}
	key := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvuHnh6yfgPv2o2yHX1ChTSl7xWRCdUQ0Nq1+Ni9GFV admin@rachuna-net.pl"
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cfg := strings.ReplaceAll(string(b), `file("~/.ssh/id_ed25519.pub")`, `"`+key+`"`)
		name, _ := filepath.Rel(root, f)
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:             acctest.ProviderConfig(e.Block()) + cfg,
					PlanOnly:           true,
					ExpectNonEmptyPlan: true, // resources to create, or outputs
				}},
			})
		})
	}
}
