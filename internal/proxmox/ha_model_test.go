package proxmox

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestHAResourceModel: every option is sent; GET's missing options are
// PVE's defaults (started, 1, 1, failback on).
func TestHAResourceModel(t *testing.T) {
	m := haResourceModel{SID: types.StringValue("ct:1005"), State: types.StringValue("started"), MaxRestart: types.Int64Value(3),
		MaxRelocate: types.Int64Value(1), Failback: types.BoolValue(false), Comment: types.StringValue("vault")}
	if got := m.toAPI(); !reflect.DeepEqual(got, map[string]string{"state": "started", "max_restart": "3", "max_relocate": "1", "failback": "0", "comment": "vault"}) {
		t.Fatalf("toAPI %v", got)
	}
	var back haResourceModel
	back.fromAPI(map[string]any{"sid": "ct:1005", "type": "ct", "digest": "x", "max_restart": float64(3), "failback": float64(0), "comment": "vault"})
	m.ID = m.SID
	if back != m {
		t.Fatalf("fromAPI %+v", back)
	}
	back.fromAPI(map[string]any{"sid": "vm:2001", "state": "enabled"})
	if back.State.ValueString() != "started" || back.MaxRelocate.ValueInt64() != 1 || !back.Failback.ValueBool() || !back.Comment.IsNull() {
		t.Fatalf("defaults %+v", back)
	}
}

// TestHARuleModel: nodes as "name[:priority]" sorted by name (priority 0
// without suffix), resources sorted; disable only when set.
func TestHARuleModel(t *testing.T) {
	ctx := context.Background()
	m := haRuleModel{Rule: types.StringValue("vault-1"), Type: types.StringValue("node-affinity"),
		Resources: stringSet([]string{"ct:1006", "ct:1005"}),
		Nodes:     types.MapValueMust(types.Int64Type, map[string]attr.Value{"pve-s2": types.Int64Value(0), "pve-s1": types.Int64Value(2)}),
		Strict:    types.BoolValue(true), Affinity: types.StringNull(), Disable: types.BoolValue(false), Comment: types.StringNull()}
	if got := m.toAPI(ctx); !reflect.DeepEqual(got, map[string]string{"resources": "ct:1005,ct:1006", "nodes": "pve-s1:2,pve-s2", "strict": "1"}) {
		t.Fatalf("toAPI %v", got)
	}
	var back haRuleModel
	back.fromAPI(map[string]any{"rule": "vault-1", "type": "node-affinity", "digest": "x", "order": float64(1),
		"resources": "ct:1005,ct:1006", "nodes": "pve-s1:2,pve-s2", "strict": float64(1)})
	m.ID = m.Rule
	if !back.Resources.Equal(m.Resources) {
		t.Fatalf("resources %v", back.Resources)
	}
	back.Resources = m.Resources
	if !reflect.DeepEqual(back, m) {
		t.Fatalf("fromAPI\n got %+v\nwant %+v", back, m)
	}
	back.fromAPI(map[string]any{"rule": "apart", "type": "resource-affinity", "resources": "ct:1005,ct:1006", "affinity": "negative", "disable": float64(1)})
	if !back.Nodes.IsNull() || !back.Strict.IsNull() || !back.Disable.ValueBool() || back.Affinity.ValueString() != "negative" {
		t.Fatalf("resource affinity %+v", back)
	}
	if got := back.toAPI(ctx); !reflect.DeepEqual(got, map[string]string{"resources": "ct:1005,ct:1006", "affinity": "negative", "disable": "1"}) {
		t.Fatalf("resource affinity toAPI %v", got)
	}
}
