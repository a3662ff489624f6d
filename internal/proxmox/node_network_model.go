package proxmox

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

type nodeNetworkModel struct {
	ID                 types.String `tfsdk:"id"`
	Node               types.String `tfsdk:"node"`
	Iface              types.String `tfsdk:"iface"`
	Type               types.String `tfsdk:"type"`
	CIDR               types.String `tfsdk:"cidr"`
	Gateway            types.String `tfsdk:"gateway"`
	MTU                types.Int64  `tfsdk:"mtu"`
	Comments           types.String `tfsdk:"comments"`
	Autostart          types.Bool   `tfsdk:"autostart"`
	BridgePorts        types.Set    `tfsdk:"bridge_ports"`
	BridgeVLANAware    types.Bool   `tfsdk:"bridge_vlan_aware"`
	BridgeVIDs         types.Set    `tfsdk:"bridge_vids"`
	Slaves             types.Set    `tfsdk:"slaves"`
	BondMode           types.String `tfsdk:"bond_mode"`
	BondXmitHashPolicy types.String `tfsdk:"bond_xmit_hash_policy"`
	BondPrimary        types.String `tfsdk:"bond_primary"`
	VLANID             types.Int64  `tfsdk:"vlan_id"`
	VLANRawDevice      types.String `tfsdk:"vlan_raw_device"`
}

// vlanDotRe is a VLAN named after its parent ("vmbr0.10"): PVE takes the
// parent and id from the name.
var vlanDotRe = regexp.MustCompile(`^(\S+)\.(\d+)$`)

func setStrings(ctx context.Context, s types.Set) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var list []string
	s.ElementsAs(ctx, &list, false)
	return list
}

// vidKey orders VLAN ids and ranges by their first id.
func vidKey(v string) int {
	a, _, _ := strings.Cut(v, "-")
	n, _ := strconv.Atoi(a)
	return n
}

// toAPI is the interface as POST and PUT /nodes/{node}/network take it
// (without node and iface).
func (m *nodeNetworkModel) toAPI(ctx context.Context) map[string]string {
	cfg := map[string]string{}
	putStr(cfg, "type", m.Type)
	putStr(cfg, "cidr", m.CIDR)
	putStr(cfg, "gateway", m.Gateway)
	putInt(cfg, "mtu", m.MTU)
	putStr(cfg, "comments", m.Comments)
	putBool(cfg, "autostart", m.Autostart)
	if ports := setStrings(ctx, m.BridgePorts); len(ports) > 0 {
		slices.Sort(ports)
		cfg["bridge_ports"] = strings.Join(ports, " ")
	}
	if m.BridgeVLANAware.ValueBool() {
		cfg["bridge_vlan_aware"] = "1"
	}
	if vids := setStrings(ctx, m.BridgeVIDs); len(vids) > 0 {
		slices.SortFunc(vids, func(a, b string) int { return vidKey(a) - vidKey(b) })
		cfg["bridge_vids"] = strings.Join(vids, " ")
	}
	if slaves := setStrings(ctx, m.Slaves); len(slaves) > 0 {
		slices.Sort(slaves)
		cfg["slaves"] = strings.Join(slaves, " ")
	}
	putStr(cfg, "bond_mode", m.BondMode)
	putStr(cfg, "bond_xmit_hash_policy", m.BondXmitHashPolicy)
	putStr(cfg, "bond-primary", m.BondPrimary)
	if m.Type.ValueString() == "vlan" && !vlanDotRe.MatchString(m.Iface.ValueString()) {
		putStr(cfg, "vlan-raw-device", m.VLANRawDevice)
		if !strings.HasPrefix(m.Iface.ValueString(), "vlan") {
			putInt(cfg, "vlan-id", m.VLANID)
		}
	}
	return cfg
}

func optSet(list []string) types.Set {
	if len(list) == 0 {
		return types.SetNull(types.StringType)
	}
	return stringSet(list)
}

// fromAPI fills m from GET /nodes/{node}/network/{iface}.
func (m *nodeNetworkModel) fromAPI(e map[string]any) {
	m.Type = types.StringValue(str(e["type"]))
	m.CIDR = cfgStr(e, "cidr")
	m.Gateway = cfgStr(e, "gateway")
	m.MTU = cfgInt(e, "mtu")
	m.Comments = types.StringNull()
	if c := strings.TrimRight(str(e["comments"]), "\n"); c != "" {
		m.Comments = types.StringValue(c)
	}
	m.Autostart = types.BoolValue(toBool(e["autostart"]))
	m.BridgePorts = optSet(splitList(str(e["bridge_ports"])))
	m.BridgeVLANAware = types.BoolValue(toBool(e["bridge_vlan_aware"]))
	m.BridgeVIDs = optSet(splitList(str(e["bridge_vids"])))
	m.Slaves = optSet(splitList(str(e["slaves"])))
	m.BondMode = cfgStr(e, "bond_mode")
	m.BondXmitHashPolicy = cfgStr(e, "bond_xmit_hash_policy")
	m.BondPrimary = cfgStr(e, "bond-primary")
	m.VLANID = cfgInt(e, "vlan-id")
	m.VLANRawDevice = cfgStr(e, "vlan-raw-device")
}
