package routeros

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// TestSpecs checks every spec: its key fields exist, and the generated
// schema is one the framework accepts.
func TestSpecs(t *testing.T) {
	ctx := context.Background()
	for _, s := range Specs() {
		for _, k := range s.Key {
			found := false
			for _, f := range s.Fields {
				found = found || f.Name == k
			}
			if !found {
				t.Errorf("%s: key %q is not a field", s.Type, k)
			}
		}
		if len(s.Key) == 0 && !s.Singleton {
			t.Errorf("%s: no natural key: a dropped add could not be looked up", s.Type)
		}
	}
	seen := map[string]bool{}
	for _, newRes := range Resources() {
		r := newRes()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "homelab"}, &meta)
		if seen[meta.TypeName] {
			t.Errorf("%s: declared twice", meta.TypeName)
		}
		seen[meta.TypeName] = true
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%s: %v", meta.TypeName, resp.Diagnostics)
			continue
		}
		if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("%s: %v", meta.TypeName, diags)
		}
		// No resource has changed its schema yet: a version bump must come
		// with a resource.ResourceWithUpgradeState and a test of its upgrader.
		if _, upgrades := r.(resource.ResourceWithUpgradeState); resp.Schema.Version != 0 || upgrades {
			t.Errorf("%s: schema version %d (upgrader: %v); add the upgrade test with the bump", meta.TypeName, resp.Schema.Version, upgrades)
		}
		if resp.Schema.MarkdownDescription == "" {
			t.Errorf("%s: no description", meta.TypeName)
		}
	}
}
