package proxmox

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type backupJobModel struct {
	ID               types.String       `tfsdk:"id"`
	JobID            types.String       `tfsdk:"job_id"`
	Schedule         types.String       `tfsdk:"schedule"`
	Enabled          types.Bool         `tfsdk:"enabled"`
	Storage          types.String       `tfsdk:"storage"`
	Node             types.String       `tfsdk:"node"`
	Mode             types.String       `tfsdk:"mode"`
	Compress         types.String       `tfsdk:"compress"`
	VMIDs            types.Set          `tfsdk:"vmids"`
	Pool             types.String       `tfsdk:"pool"`
	All              types.Bool         `tfsdk:"all"`
	Exclude          types.Set          `tfsdk:"exclude"`
	PruneBackups     *pruneBackupsModel `tfsdk:"prune_backups"`
	NotesTemplate    types.String       `tfsdk:"notes_template"`
	MailTo           types.Set          `tfsdk:"mailto"`
	MailNotification types.String       `tfsdk:"mailnotification"`
	Comment          types.String       `tfsdk:"comment"`
}

// backupJobStrings are the string attributes that are job options one to
// one (attribute -> PVE option).
func (m *backupJobModel) optStrings() map[string]*types.String {
	return map[string]*types.String{"storage": &m.Storage, "node": &m.Node, "mode": &m.Mode, "compress": &m.Compress,
		"pool": &m.Pool, "notes-template": &m.NotesTemplate, "mailnotification": &m.MailNotification, "comment": &m.Comment}
}

func intSetList(ctx context.Context, s types.Set) string {
	if s.IsNull() || s.IsUnknown() {
		return ""
	}
	var ids []int64
	s.ElementsAs(ctx, &ids, false)
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func intSetOf(s string) types.Set {
	var vals []attr.Value
	seen := map[int64]bool{}
	for _, p := range splitList(s) {
		if n, err := strconv.ParseInt(p, 10, 64); err == nil && !seen[n] {
			seen[n] = true
			vals = append(vals, types.Int64Value(n))
		}
	}
	if len(vals) == 0 {
		return types.SetNull(types.Int64Type)
	}
	return types.SetValueMust(types.Int64Type, vals)
}

// toAPI is the job's options as POST and PUT /cluster/backup take them
// (without the id).
func (m *backupJobModel) toAPI(ctx context.Context) map[string]string {
	cfg := map[string]string{}
	putStr(cfg, "schedule", m.Schedule)
	for k, v := range m.optStrings() {
		putStr(cfg, k, *v)
	}
	cfg["enabled"] = boolStr(m.Enabled.IsNull() || m.Enabled.ValueBool())
	if m.All.ValueBool() {
		cfg["all"] = "1"
	}
	if v := intSetList(ctx, m.VMIDs); v != "" {
		cfg["vmid"] = v
	}
	if v := intSetList(ctx, m.Exclude); v != "" {
		cfg["exclude"] = v
	}
	if m.PruneBackups != nil {
		if s := m.PruneBackups.String(); s != "" {
			cfg["prune-backups"] = s
		}
	}
	if !m.MailTo.IsNull() && !m.MailTo.IsUnknown() {
		var list []string
		m.MailTo.ElementsAs(ctx, &list, false)
		slices.Sort(list)
		if len(list) > 0 {
			cfg["mailto"] = strings.Join(list, ",")
		}
	}
	return cfg
}

// fromAPI fills m from GET /cluster/backup/{id}.
func (m *backupJobModel) fromAPI(e map[string]any) {
	m.JobID = types.StringValue(str(e["id"]))
	m.ID = m.JobID
	m.Schedule = cfgStr(e, "schedule")
	for k, v := range m.optStrings() {
		*v = cfgStr(e, k)
	}
	m.Enabled = types.BoolValue(e["enabled"] == nil || toBool(e["enabled"]))
	m.All = types.BoolValue(toBool(e["all"]))
	m.VMIDs = intSetOf(str(e["vmid"]))
	m.Exclude = intSetOf(str(e["exclude"]))
	m.PruneBackups = parsePruneBackups(propertyStringOf(e["prune-backups"]))
	if list := splitList(str(e["mailto"])); len(list) > 0 {
		m.MailTo = stringSet(list)
	} else {
		m.MailTo = types.SetNull(types.StringType)
	}
}

// propertyStringOf turns a property string PVE returned as an object
// ({"keep-last": 3}) back into its text ("keep-last=3"); a string stays.
func propertyStringOf(v any) string {
	obj, ok := v.(map[string]any)
	if !ok {
		return str(v)
	}
	var parts []string
	for k, val := range obj {
		parts = append(parts, k+"="+str(val))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// notesTemplateProblem is what PVE's vzdump refuses in a notes template:
// a line feed, an escape other than \n and \\, an unknown {{variable}}.
func notesTemplateProblem(t string) error {
	if strings.ContainsAny(t, "\r\n") {
		return fmt.Errorf("the template must be one line: write a line break as \\n")
	}
	for i := 0; i+1 < len(t); i++ {
		if t[i] != '\\' {
			continue
		}
		if t[i+1] != 'n' && t[i+1] != '\\' {
			return fmt.Errorf("escape sequence \\%c at %d: only \\n and \\\\ are known", t[i+1], i)
		}
		i++
	}
	for rest := t; ; {
		_, after, ok := strings.Cut(rest, "{{")
		if !ok {
			return nil
		}
		name, tail, ok := strings.Cut(after, "}}")
		if !ok {
			return nil
		}
		if name != "" && !strings.ContainsAny(name, " \t{}") && !slices.Contains([]string{"cluster", "guestname", "node", "vmid"}, name) {
			return fmt.Errorf("unknown variable {{%s}}: use {{cluster}}, {{guestname}}, {{node}} or {{vmid}}", name)
		}
		rest = tail
	}
}
