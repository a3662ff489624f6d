package proxmox

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// haResourceModel is homelab_proxmox_ha_resource.
type haResourceModel struct {
	ID          types.String `tfsdk:"id"`
	SID         types.String `tfsdk:"sid"`
	State       types.String `tfsdk:"state"`
	MaxRestart  types.Int64  `tfsdk:"max_restart"`
	MaxRelocate types.Int64  `tfsdk:"max_relocate"`
	Failback    types.Bool   `tfsdk:"failback"`
	Comment     types.String `tfsdk:"comment"`
}

// toAPI is the POST/PUT /cluster/ha/resources body without the sid: every
// option is sent, so resources.cfg holds what the configuration says.
func (m *haResourceModel) toAPI() map[string]string {
	cfg := map[string]string{}
	putStr(cfg, "state", m.State)
	putInt(cfg, "max_restart", m.MaxRestart)
	putInt(cfg, "max_relocate", m.MaxRelocate)
	putBool(cfg, "failback", m.Failback)
	putStr(cfg, "comment", m.Comment)
	return cfg
}

// fromAPI fills m from GET /cluster/ha/resources/{sid}, which returns only
// the options set: the others are PVE's defaults (started, 1, 1, failback).
func (m *haResourceModel) fromAPI(e map[string]any) {
	m.SID = types.StringValue(str(e["sid"]))
	m.ID = m.SID
	state := str(e["state"])
	if state == "" || state == "enabled" {
		state = "started"
	}
	m.State = types.StringValue(state)
	m.MaxRestart = cfgIntOr(e, "max_restart", 1)
	m.MaxRelocate = cfgIntOr(e, "max_relocate", 1)
	m.Failback = types.BoolValue(e["failback"] == nil || toBool(e["failback"]))
	m.Comment = cfgStr(e, "comment")
}

// haRuleModel is homelab_proxmox_ha_rule.
type haRuleModel struct {
	ID        types.String `tfsdk:"id"`
	Rule      types.String `tfsdk:"rule"`
	Type      types.String `tfsdk:"type"`
	Resources types.Set    `tfsdk:"resources"`
	Nodes     types.Map    `tfsdk:"nodes"`
	Strict    types.Bool   `tfsdk:"strict"`
	Affinity  types.String `tfsdk:"affinity"`
	Disable   types.Bool   `tfsdk:"disable"`
	Comment   types.String `tfsdk:"comment"`
}

// toAPI is the rule's options as POST and PUT /cluster/ha/rules take them
// (without rule and type): resources sorted, nodes "name[:priority]"
// sorted by name, disable only when set.
func (m *haRuleModel) toAPI(ctx context.Context) map[string]string {
	cfg := map[string]string{}
	if !m.Resources.IsNull() && !m.Resources.IsUnknown() {
		var list []string
		m.Resources.ElementsAs(ctx, &list, false)
		slices.Sort(list)
		cfg["resources"] = strings.Join(list, ",")
	}
	if !m.Nodes.IsNull() && !m.Nodes.IsUnknown() {
		nodes := map[string]int64{}
		m.Nodes.ElementsAs(ctx, &nodes, false)
		var parts []string
		for _, n := range sortedMapKeys(nodes) {
			if p := nodes[n]; p != 0 {
				parts = append(parts, n+":"+strconv.FormatInt(p, 10))
			} else {
				parts = append(parts, n)
			}
		}
		cfg["nodes"] = strings.Join(parts, ",")
	}
	if !m.Strict.IsNull() && !m.Strict.IsUnknown() {
		cfg["strict"] = boolStr(m.Strict.ValueBool())
	}
	putStr(cfg, "affinity", m.Affinity)
	if m.Disable.ValueBool() {
		cfg["disable"] = "1"
	}
	putStr(cfg, "comment", m.Comment)
	return cfg
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fromAPI fills m from GET /cluster/ha/rules/{rule}.
func (m *haRuleModel) fromAPI(e map[string]any) {
	m.Rule = types.StringValue(str(e["rule"]))
	m.ID = m.Rule
	m.Type = types.StringValue(str(e["type"]))
	if list := splitList(str(e["resources"])); len(list) > 0 {
		m.Resources = stringSet(list)
	} else {
		m.Resources = types.SetNull(types.StringType)
	}
	if list := splitList(str(e["nodes"])); len(list) > 0 {
		nodes := map[string]attr.Value{}
		for _, n := range list {
			name, prio, _ := strings.Cut(n, ":")
			p, _ := strconv.ParseInt(prio, 10, 64)
			nodes[name] = types.Int64Value(p)
		}
		m.Nodes = types.MapValueMust(types.Int64Type, nodes)
	} else {
		m.Nodes = types.MapNull(types.Int64Type)
	}
	m.Strict = types.BoolNull()
	if e["strict"] != nil {
		m.Strict = types.BoolValue(toBool(e["strict"]))
	}
	m.Affinity = cfgStr(e, "affinity")
	m.Disable = types.BoolValue(toBool(e["disable"]))
	m.Comment = cfgStr(e, "comment")
}
