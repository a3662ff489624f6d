package proxmox

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestBackupJobModelRoundTrip: toAPI sends vzdump's option names (sorted
// vmid and mailto lists, prune-backups as a property string, enabled
// always), and fromAPI reads GET /cluster/backup/{id} (prune-backups as an
// object, booleans as numbers) back into the same model.
func TestBackupJobModelRoundTrip(t *testing.T) {
	ctx := context.Background()
	m := backupJobModel{
		JobID: types.StringValue("nightly"), Schedule: types.StringValue("sat 02:00"), Enabled: types.BoolValue(true),
		Storage: types.StringValue("nas"), Node: types.StringNull(), Mode: types.StringValue("snapshot"), Compress: types.StringValue("zstd"),
		VMIDs: types.SetNull(types.Int64Type), Pool: types.StringNull(), All: types.BoolValue(true), Exclude: intSetOf("1007,1005"),
		PruneBackups: &pruneBackupsModel{KeepAll: types.BoolNull(), KeepLast: types.Int64Value(3), KeepDaily: types.Int64Value(7),
			KeepHourly: types.Int64Null(), KeepWeekly: types.Int64Null(), KeepMonthly: types.Int64Null(), KeepYearly: types.Int64Null()},
		NotesTemplate: types.StringValue("{{guestname}}"), MailTo: stringSet([]string{"root@pam", "admin@lab.example"}),
		MailNotification: types.StringValue("failure"), Comment: types.StringNull(),
	}
	got := m.toAPI(ctx)
	want := map[string]string{"schedule": "sat 02:00", "enabled": "1", "storage": "nas", "mode": "snapshot", "compress": "zstd",
		"all": "1", "exclude": "1005,1007", "prune-backups": "keep-daily=7,keep-last=3", "notes-template": "{{guestname}}",
		"mailto": "admin@lab.example,root@pam", "mailnotification": "failure"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("toAPI\n got %v\nwant %v", got, want)
	}
	var back backupJobModel
	back.fromAPI(map[string]any{"id": "nightly", "type": "vzdump", "schedule": "sat 02:00", "enabled": float64(1), "storage": "nas",
		"mode": "snapshot", "compress": "zstd", "all": float64(1), "exclude": "1007,1005", "notes-template": "{{guestname}}",
		"prune-backups": map[string]any{"keep-last": float64(3), "keep-daily": "7"}, "mailto": "root@pam;admin@lab.example",
		"mailnotification": "failure"})
	m.ID = m.JobID
	if !reflect.DeepEqual(back, m) {
		t.Fatalf("fromAPI\n got %+v\nwant %+v", back, m)
	}

	// A vmid job, disabled: all is not sent, enabled=0 is.
	v := backupJobModel{Schedule: types.StringValue("daily"), Enabled: types.BoolValue(false), VMIDs: intSetOf("1006,1005"),
		All: types.BoolValue(false), Exclude: types.SetNull(types.Int64Type), MailTo: types.SetNull(types.StringType)}
	for _, s := range v.optStrings() {
		*s = types.StringNull()
	}
	if got := v.toAPI(ctx); !reflect.DeepEqual(got, map[string]string{"schedule": "daily", "enabled": "0", "vmid": "1005,1006"}) {
		t.Fatalf("vmid toAPI %v", got)
	}
	var vb backupJobModel
	vb.fromAPI(map[string]any{"id": "x", "schedule": "daily", "vmid": "1005,1006"})
	if !vb.Enabled.ValueBool() || vb.All.ValueBool() || len(vb.VMIDs.Elements()) != 2 || !vb.Exclude.IsNull() || vb.PruneBackups != nil || !vb.MailTo.IsNull() {
		t.Fatalf("vmid fromAPI %+v", vb)
	}
}

func TestNotesTemplateProblem(t *testing.T) {
	for tmpl, ok := range map[string]bool{"{{guestname}} on {{node}}": true, `a\nb \\ c`: true, "{{name}}": false, `a\tb`: false, "a\nb": false, "{{ x }}": true} {
		if err := notesTemplateProblem(tmpl); (err == nil) != ok {
			t.Errorf("%q: %v", tmpl, err)
		}
	}
}
