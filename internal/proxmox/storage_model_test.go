package proxmox

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestStorageModelRoundTrip: toAPI sends PVE's option names and spelling
// (sorted lists, prune-backups as a property string, booleans only when
// set), and fromAPI reads GET /storage/{storage} back into the same model
// whatever order PVE prints the lists in.
func TestStorageModelRoundTrip(t *testing.T) {
	ctx := context.Background()
	m := storageCfgModel{
		Storage: types.StringValue("backup-nas"), Type: types.StringValue("nfs"),
		Content: stringSet([]string{"iso", "backup"}), Nodes: stringSet([]string{"pve-s2", "pve-s1"}),
		Shared: types.BoolValue(true), Disable: types.BoolValue(false),
		PruneBackups: &pruneBackupsModel{KeepAll: types.BoolNull(), KeepLast: types.Int64Value(3), KeepDaily: types.Int64Value(7),
			KeepHourly: types.Int64Null(), KeepWeekly: types.Int64Null(), KeepMonthly: types.Int64Null(), KeepYearly: types.Int64Null()},
		Path: types.StringValue("/mnt/pve/backup-nas"), Server: types.StringValue("10.10.10.21"), Export: types.StringValue("/volume1/backup"),
		Options: types.StringValue("vers=4.2"), Password: types.StringValue("never-sent-by-toAPI"),
	}
	for _, a := range []*types.String{&m.Share, &m.Subdir, &m.Username, &m.Domain, &m.SMBVersion, &m.Datastore, &m.Fingerprint, &m.Namespace, &m.VGName, &m.ThinPool} {
		*a = types.StringNull()
	}
	m.PasswordVersion = types.Int64Null()
	got := m.toAPI(ctx)
	want := map[string]string{"content": "backup,iso", "nodes": "pve-s1,pve-s2", "prune-backups": "keep-daily=7,keep-last=3",
		"path": "/mnt/pve/backup-nas", "server": "10.10.10.21", "export": "/volume1/backup", "options": "vers=4.2"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("toAPI\n got %v\nwant %v", got, want)
	}

	// PVE prints content and nodes in Perl hash order, shared as 1.
	var back storageCfgModel
	back.Password, back.PasswordVersion = types.StringNull(), types.Int64Null()
	back.fromAPI(map[string]any{"storage": "backup-nas", "type": "nfs", "content": "iso,backup", "nodes": "pve-s2,pve-s1",
		"shared": float64(1), "prune-backups": "keep-last=3,keep-daily=7", "path": "/mnt/pve/backup-nas",
		"server": "10.10.10.21", "export": "/volume1/backup", "options": "vers=4.2", "digest": "abc"})
	m.Password = types.StringNull()
	m.ID = m.Storage
	if !reflect.DeepEqual(back, m) {
		t.Fatalf("fromAPI\n got %+v\nwant %+v", back, m)
	}

	// Empty content is "none"; a dir storage sends shared and disable.
	d := storageCfgModel{Type: types.StringValue("dir"), Content: stringSet(nil), Shared: types.BoolValue(true), Disable: types.BoolValue(true),
		Nodes: types.SetNull(types.StringType), Path: types.StringValue("/srv/backup")}
	for k, v := range d.stringAttrs() {
		if k != "path" {
			*v = types.StringNull()
		}
	}
	if got := d.toAPI(ctx); !reflect.DeepEqual(got, map[string]string{"content": "none", "shared": "1", "disable": "1", "path": "/srv/backup"}) {
		t.Fatalf("dir toAPI %v", got)
	}
	var dBack storageCfgModel
	dBack.fromAPI(map[string]any{"storage": "x", "type": "dir", "content": "none", "path": "/srv/backup"})
	if len(dBack.Content.Elements()) != 0 || dBack.Content.IsNull() || dBack.Shared.ValueBool() || !dBack.Nodes.IsNull() || dBack.PruneBackups != nil {
		t.Fatalf("dir fromAPI %+v", dBack)
	}
}

func TestPruneBackups(t *testing.T) {
	for in, want := range map[string]string{"keep-all=1": "keep-all=1", "keep-last=3,keep-daily=7": "keep-daily=7,keep-last=3", "keep-weekly=0": "keep-weekly=0"} {
		p := parsePruneBackups(in)
		if p == nil || p.String() != want {
			t.Errorf("%q: %v, want %q", in, p, want)
		}
	}
	if parsePruneBackups("") != nil {
		t.Error("empty prune-backups must be nil")
	}
	if p := parsePruneBackups("keep-all=1"); !p.KeepAll.ValueBool() || p.anyCount() {
		t.Errorf("keep-all %+v", p)
	}
}

func TestPoolModel(t *testing.T) {
	m := poolModel{PoolID: types.StringValue("infra"), Comment: types.StringValue("core")}
	if got := m.toAPI(); !reflect.DeepEqual(got, map[string]string{"poolid": "infra", "comment": "core"}) {
		t.Fatalf("toAPI %v", got)
	}
	var back poolModel
	back.fromAPI(map[string]any{"poolid": "infra", "comment": "core", "members": []any{}})
	m.ID = m.PoolID
	if back != m {
		t.Fatalf("fromAPI %+v", back)
	}
	back.fromAPI(map[string]any{"poolid": "infra"})
	if !back.Comment.IsNull() {
		t.Fatalf("no comment: %+v", back)
	}
}
