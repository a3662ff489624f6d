package vault

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// TestSchemaVersions: every Vault resource is at schema version 0 with no
// state upgraders. The first rename or type change bumps its version, adds
// resource.ResourceWithUpgradeState with an upgrader from 0, and a test that
// a version 0 state (kept as a fixture) upgrades to what the new schema reads.
func TestSchemaVersions(t *testing.T) {
	ctx := context.Background()
	for _, newRes := range Resources() {
		r := newRes()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "homelab"}, &meta)
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		_, upgrades := r.(resource.ResourceWithUpgradeState)
		if sr.Schema.Version != 0 || upgrades {
			t.Errorf("%s: schema version %d, upgrader %v: a bump needs its upgrade test", meta.TypeName, sr.Schema.Version, upgrades)
		}
	}
}
