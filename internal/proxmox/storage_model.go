package proxmox

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type storageCfgModel struct {
	Timeouts        timeouts.Value     `tfsdk:"timeouts"`
	ID              types.String       `tfsdk:"id"`
	Storage         types.String       `tfsdk:"storage"`
	Type            types.String       `tfsdk:"type"`
	Content         types.Set          `tfsdk:"content"`
	Nodes           types.Set          `tfsdk:"nodes"`
	Shared          types.Bool         `tfsdk:"shared"`
	Disable         types.Bool         `tfsdk:"disable"`
	PruneBackups    *pruneBackupsModel `tfsdk:"prune_backups"`
	Path            types.String       `tfsdk:"path"`
	Server          types.String       `tfsdk:"server"`
	Export          types.String       `tfsdk:"export"`
	Options         types.String       `tfsdk:"options"`
	Share           types.String       `tfsdk:"share"`
	Subdir          types.String       `tfsdk:"subdir"`
	Username        types.String       `tfsdk:"username"`
	Password        types.String       `tfsdk:"password"`
	PasswordVersion types.Int64        `tfsdk:"password_version"`
	Domain          types.String       `tfsdk:"domain"`
	SMBVersion      types.String       `tfsdk:"smbversion"`
	Datastore       types.String       `tfsdk:"datastore"`
	Fingerprint     types.String       `tfsdk:"fingerprint"`
	Namespace       types.String       `tfsdk:"namespace"`
	VGName          types.String       `tfsdk:"vgname"`
	ThinPool        types.String       `tfsdk:"thinpool"`
}

// pruneBackupsModel is PVE's prune-backups property string
// ("keep-daily=7,keep-last=3" or "keep-all=1").
type pruneBackupsModel struct {
	KeepAll     types.Bool  `tfsdk:"keep_all"`
	KeepLast    types.Int64 `tfsdk:"keep_last"`
	KeepHourly  types.Int64 `tfsdk:"keep_hourly"`
	KeepDaily   types.Int64 `tfsdk:"keep_daily"`
	KeepWeekly  types.Int64 `tfsdk:"keep_weekly"`
	KeepMonthly types.Int64 `tfsdk:"keep_monthly"`
	KeepYearly  types.Int64 `tfsdk:"keep_yearly"`
}

func (p *pruneBackupsModel) counts() map[string]*types.Int64 {
	return map[string]*types.Int64{"keep-last": &p.KeepLast, "keep-hourly": &p.KeepHourly, "keep-daily": &p.KeepDaily,
		"keep-weekly": &p.KeepWeekly, "keep-monthly": &p.KeepMonthly, "keep-yearly": &p.KeepYearly}
}

func (p *pruneBackupsModel) anyCount() bool {
	for _, v := range p.counts() {
		if !v.IsNull() && !v.IsUnknown() && v.ValueInt64() > 0 {
			return true
		}
	}
	return false
}

// known reports whether no value is unknown.
func (p *pruneBackupsModel) known() bool {
	if p.KeepAll.IsUnknown() {
		return false
	}
	for _, v := range p.counts() {
		if v.IsUnknown() {
			return false
		}
	}
	return true
}

// String prints the property string, keys sorted (print_property_string).
func (p *pruneBackupsModel) String() string {
	var parts []string
	if !p.KeepAll.IsNull() && !p.KeepAll.IsUnknown() {
		parts = append(parts, "keep-all="+boolStr(p.KeepAll.ValueBool()))
	}
	for k, v := range p.counts() {
		if !v.IsNull() && !v.IsUnknown() {
			parts = append(parts, k+"="+strconv.FormatInt(v.ValueInt64(), 10))
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// parsePruneBackups reads PVE's prune-backups value; nil when empty.
func parsePruneBackups(s string) *pruneBackupsModel {
	if s == "" {
		return nil
	}
	p := &pruneBackupsModel{KeepAll: types.BoolNull()}
	for _, v := range p.counts() {
		*v = types.Int64Null()
	}
	props := parseProps(s, "")
	if v, ok := props["keep-all"]; ok {
		p.KeepAll = types.BoolValue(v == "1")
	}
	for k, v := range p.counts() {
		if n, err := strconv.ParseInt(props[k], 10, 64); err == nil {
			*v = types.Int64Value(n)
		}
	}
	return p
}

// Whether an attribute is set in a configuration.
const (
	cfgNull = iota
	cfgSet
	cfgUnknown
)

// configured says which type-specific attributes the model sets.
func (m *storageCfgModel) configured() map[string]int {
	state := func(null, unknown bool) int {
		switch {
		case unknown:
			return cfgUnknown
		case null:
			return cfgNull
		}
		return cfgSet
	}
	out := map[string]int{}
	for k, v := range m.stringAttrs() {
		out[k] = state(v.IsNull(), v.IsUnknown())
	}
	out["password_version"] = state(m.PasswordVersion.IsNull(), m.PasswordVersion.IsUnknown())
	out["shared"] = state(m.Shared.IsNull(), m.Shared.IsUnknown())
	out["prune_backups"] = state(m.PruneBackups == nil, false)
	return out
}

// stringAttrs maps the string attributes that are PVE options one to one
// (attribute name -> value; the PVE option has the same name).
func (m *storageCfgModel) stringAttrs() map[string]*types.String {
	return map[string]*types.String{
		"path": &m.Path, "server": &m.Server, "export": &m.Export, "options": &m.Options, "share": &m.Share,
		"subdir": &m.Subdir, "username": &m.Username, "password": &m.Password, "domain": &m.Domain, "smbversion": &m.SMBVersion,
		"datastore": &m.Datastore, "fingerprint": &m.Fingerprint, "namespace": &m.Namespace, "vgname": &m.VGName, "thinpool": &m.ThinPool,
	}
}

// fixedOptions are what pve-storage's plugins mark fixed: set at creation,
// never sent to an update (PVE refuses them even unchanged).
var fixedOptions = map[string]bool{"path": true, "server": true, "export": true, "share": true, "datastore": true, "vgname": true, "thinpool": true}

// toAPI is the storage's options as POST /storage and PUT take them,
// without the password (sent only when it has to be) and without type and
// storage.
func (m *storageCfgModel) toAPI(ctx context.Context) map[string]string {
	cfg := map[string]string{}
	for k, v := range m.stringAttrs() {
		if k != "password" {
			putStr(cfg, k, *v)
		}
	}
	if !m.Content.IsNull() && !m.Content.IsUnknown() {
		var list []string
		m.Content.ElementsAs(ctx, &list, false)
		slices.Sort(list)
		cfg["content"] = strings.Join(list, ",")
		if len(list) == 0 {
			cfg["content"] = "none"
		}
	}
	if !m.Nodes.IsNull() && !m.Nodes.IsUnknown() {
		var list []string
		m.Nodes.ElementsAs(ctx, &list, false)
		slices.Sort(list)
		cfg["nodes"] = strings.Join(list, ",")
	}
	if m.Type.ValueString() == "dir" && m.Shared.ValueBool() {
		cfg["shared"] = "1"
	}
	if m.Disable.ValueBool() {
		cfg["disable"] = "1"
	}
	if m.PruneBackups != nil {
		if s := m.PruneBackups.String(); s != "" {
			cfg["prune-backups"] = s
		}
	}
	return cfg
}

// fromAPI fills m from GET /storage/{storage}. The password and its version
// are not PVE's: they stay as they are.
func (m *storageCfgModel) fromAPI(cfg map[string]any) {
	m.Storage = types.StringValue(str(cfg["storage"]))
	m.ID = m.Storage
	m.Type = types.StringValue(str(cfg["type"]))
	for k, v := range m.stringAttrs() {
		if k != "password" {
			*v = cfgStr(cfg, k)
		}
	}
	content := splitList(str(cfg["content"]))
	content = slices.DeleteFunc(content, func(s string) bool { return s == "none" })
	m.Content = stringSet(content)
	if n := splitList(str(cfg["nodes"])); len(n) > 0 {
		m.Nodes = stringSet(n)
	} else {
		m.Nodes = types.SetNull(types.StringType)
	}
	m.Shared = types.BoolValue(toBool(cfg["shared"]))
	m.Disable = types.BoolValue(toBool(cfg["disable"]))
	m.PruneBackups = parsePruneBackups(str(cfg["prune-backups"]))
}

// splitList splits PVE's lists ("a,b", "a;b", "a b").
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
}
