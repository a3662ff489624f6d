package proxmox

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type lxcModel struct {
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
	ID            types.String   `tfsdk:"id"`
	Node          types.String   `tfsdk:"node"`
	VMID          types.Int64    `tfsdk:"vmid"`
	Hostname      types.String   `tfsdk:"hostname"`
	OSTemplate    types.String   `tfsdk:"ostemplate"`
	Unprivileged  types.Bool     `tfsdk:"unprivileged"`
	Cores         types.Int64    `tfsdk:"cores"`
	CPULimit      types.Float64  `tfsdk:"cpulimit"`
	Memory        types.Int64    `tfsdk:"memory"`
	Swap          types.Int64    `tfsdk:"swap"`
	RootFS        *lxcRootFS     `tfsdk:"rootfs"`
	MountPoints   []lxcMount     `tfsdk:"mount_point"`
	Networks      []lxcNet       `tfsdk:"network"`
	Nameserver    types.String   `tfsdk:"nameserver"`
	Searchdomain  types.String   `tfsdk:"searchdomain"`
	Features      *lxcFeatures   `tfsdk:"features"`
	SSHPublicKeys types.String   `tfsdk:"ssh_public_keys"`
	Password      types.String   `tfsdk:"password"`
	OnBoot        types.Bool     `tfsdk:"onboot"`
	Startup       types.String   `tfsdk:"startup"`
	Started       types.Bool     `tfsdk:"started"`
	Tags          types.Set      `tfsdk:"tags"`
	Description   types.String   `tfsdk:"description"`
	Pool          types.String   `tfsdk:"pool"`

	// digest is the config digest of the last read (kept in private state,
	// sent with config updates).
	digest string
}

type lxcRootFS struct {
	Storage types.String `tfsdk:"storage"`
	Size    sizeValue    `tfsdk:"size"`
	Volume  types.String `tfsdk:"volume"`
}

type lxcMount struct {
	Storage  types.String `tfsdk:"storage"`
	Size     sizeValue    `tfsdk:"size"`
	Volume   types.String `tfsdk:"volume"`
	Path     types.String `tfsdk:"path"`
	ReadOnly types.Bool   `tfsdk:"read_only"`
	Backup   types.Bool   `tfsdk:"backup"`
}

type lxcNet struct {
	Name     types.String `tfsdk:"name"`
	Bridge   types.String `tfsdk:"bridge"`
	Tag      types.Int64  `tfsdk:"tag"`
	IP       types.String `tfsdk:"ip"`
	Gateway  types.String `tfsdk:"gw"`
	IP6      types.String `tfsdk:"ip6"`
	Gateway6 types.String `tfsdk:"gw6"`
	Firewall types.Bool   `tfsdk:"firewall"`
	MTU      types.Int64  `tfsdk:"mtu"`
	HWAddr   types.String `tfsdk:"hwaddr"`
}

type lxcFeatures struct {
	Nesting types.Bool `tfsdk:"nesting"`
	Keyctl  types.Bool `tfsdk:"keyctl"`
	Fuse    types.Bool `tfsdk:"fuse"`
	Mount   types.Set  `tfsdk:"mount"`
}

// createParams is the POST /nodes/{node}/lxc body of a new container: the
// managed config (toAPI) plus what PVE takes only at creation.
func (m *lxcModel) createParams(ctx context.Context) map[string]any {
	params := map[string]any{}
	for k, v := range m.toAPI(ctx) {
		params[k] = v
	}
	params["ostemplate"] = m.OSTemplate.ValueString()
	rb, _ := parseSize(m.RootFS.Size.ValueString())
	params["rootfs"] = m.RootFS.Storage.ValueString() + ":" + gib(rb)
	params["unprivileged"] = boolStr(m.Unprivileged.ValueBool())
	if !m.Password.IsNull() {
		params["password"] = m.Password.ValueString()
	}
	if !m.SSHPublicKeys.IsNull() {
		params["ssh-public-keys"] = m.SSHPublicKeys.ValueString()
	}
	if !m.Pool.IsNull() {
		params["pool"] = m.Pool.ValueString()
	}
	return params
}

// keepAllocated keeps the allocated volumes and MACs of existing entries
// (from the state) where the plan has them unknown: list elements whose
// other values changed.
func (m *lxcModel) keepAllocated(state *lxcModel) {
	for i := range m.Networks {
		if m.Networks[i].HWAddr.IsUnknown() && i < len(state.Networks) && m.Networks[i].Name.Equal(state.Networks[i].Name) {
			m.Networks[i].HWAddr = state.Networks[i].HWAddr
		}
	}
	for i := range m.MountPoints {
		if m.MountPoints[i].Volume.IsUnknown() && i < len(state.MountPoints) && m.MountPoints[i].Storage.Equal(state.MountPoints[i].Storage) {
			m.MountPoints[i].Volume = state.MountPoints[i].Volume
		}
	}
}

// toAPI returns the config keys (as PVE stores them) that m manages,
// except rootfs and sizes, which are handled by create and resize.
func (m *lxcModel) toAPI(ctx context.Context) map[string]string {
	c := map[string]string{}
	putStr(c, "hostname", m.Hostname)
	putInt(c, "cores", m.Cores)
	if !m.CPULimit.IsNull() && !m.CPULimit.IsUnknown() {
		c["cpulimit"] = strconv.FormatFloat(m.CPULimit.ValueFloat64(), 'f', -1, 64)
	}
	putInt(c, "memory", m.Memory)
	putInt(c, "swap", m.Swap)
	putStr(c, "nameserver", m.Nameserver)
	putStr(c, "searchdomain", m.Searchdomain)
	putBool(c, "onboot", m.OnBoot)
	putStr(c, "startup", m.Startup)
	putStr(c, "description", m.Description)
	putTags(ctx, c, m.Tags)
	if f := m.Features; f != nil {
		p := propString{}
		if f.Nesting.ValueBool() {
			p["nesting"] = "1"
		}
		if f.Keyctl.ValueBool() {
			p["keyctl"] = "1"
		}
		if f.Fuse.ValueBool() {
			p["fuse"] = "1"
		}
		if !f.Mount.IsNull() && !f.Mount.IsUnknown() {
			var fs []string
			f.Mount.ElementsAs(ctx, &fs, false)
			sort.Strings(fs)
			if len(fs) > 0 {
				p["mount"] = strings.Join(fs, ";")
			}
		}
		if len(p) > 0 {
			c["features"] = printProps(p, "")
		}
	}
	for i, n := range m.Networks {
		p := propString{"name": n.Name.ValueString(), "bridge": n.Bridge.ValueString(), "type": "veth"}
		if !n.Tag.IsNull() && !n.Tag.IsUnknown() {
			p["tag"] = strconv.FormatInt(n.Tag.ValueInt64(), 10)
		}
		for k, v := range map[string]types.String{"ip": n.IP, "gw": n.Gateway, "ip6": n.IP6, "gw6": n.Gateway6} {
			if !v.IsNull() && !v.IsUnknown() {
				p[k] = v.ValueString()
			}
		}
		if n.Firewall.ValueBool() {
			p["firewall"] = "1"
		}
		if !n.MTU.IsNull() && !n.MTU.IsUnknown() {
			p["mtu"] = strconv.FormatInt(n.MTU.ValueInt64(), 10)
		}
		if !n.HWAddr.IsNull() && !n.HWAddr.IsUnknown() {
			p["hwaddr"] = strings.ToUpper(n.HWAddr.ValueString())
		}
		c[fmt.Sprintf("net%d", i)] = printProps(p, "", "name")
	}
	for i, mp := range m.MountPoints {
		p := propString{"mp": mp.Path.ValueString()}
		switch {
		case !mp.Volume.IsNull() && !mp.Volume.IsUnknown():
			p["volume"] = mp.Volume.ValueString()
		case !mp.Storage.IsNull() && !mp.Size.IsNull():
			b, _ := parseSize(mp.Size.ValueString())
			p["volume"] = mp.Storage.ValueString() + ":" + gib(b)
		}
		if mp.ReadOnly.ValueBool() {
			p["ro"] = "1"
		}
		if mp.Backup.ValueBool() {
			p["backup"] = "1"
		}
		c[fmt.Sprintf("mp%d", i)] = printProps(p, "volume", "mp")
	}
	return c
}

// fromAPI fills m from PVE's config, in PVE's spelling (keepSpelling
// restores the configuration's after a write). prior, the model before the
// read (nil on import), only says which optional blocks the state has.
func (m *lxcModel) fromAPI(ctx context.Context, cfg map[string]any, prior *lxcModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Hostname = cfgStr(cfg, "hostname")
	m.Cores = cfgInt(cfg, "cores")
	if f, ok := toFloat(cfg["cpulimit"]); ok {
		m.CPULimit = types.Float64Value(f)
	} else {
		m.CPULimit = types.Float64Null()
	}
	m.Memory = cfgIntOr(cfg, "memory", 512)
	m.Swap = cfgIntOr(cfg, "swap", 512)
	m.Unprivileged = types.BoolValue(toBool(cfg["unprivileged"]))
	m.OnBoot = types.BoolValue(toBool(cfg["onboot"]))
	m.Startup = cfgStr(cfg, "startup")
	m.Nameserver = cfgStr(cfg, "nameserver")
	m.Searchdomain = cfgStr(cfg, "searchdomain")
	m.Description = cfgDescription(cfg)
	m.Tags, diags = cfgTags(ctx, cfg)

	if f := str(cfg["features"]); f != "" || (prior != nil && prior.Features != nil) {
		p := parseProps(f, "")
		feat := &lxcFeatures{
			Nesting: types.BoolValue(p["nesting"] == "1"),
			Keyctl:  types.BoolValue(p["keyctl"] == "1"),
			Fuse:    types.BoolValue(p["fuse"] == "1"),
			Mount:   types.SetNull(types.StringType),
		}
		if mt := p["mount"]; mt != "" {
			feat.Mount, _ = types.SetValueFrom(ctx, types.StringType, strings.Split(mt, ";"))
		} else if prior != nil && prior.Features != nil && !prior.Features.Mount.IsNull() {
			feat.Mount = types.SetValueMust(types.StringType, []attr.Value{})
		}
		m.Features = feat
	} else {
		m.Features = nil
	}

	if rf := str(cfg["rootfs"]); rf != "" {
		p := parseProps(rf, "volume")
		root := &lxcRootFS{Volume: types.StringValue(p["volume"]), Storage: types.StringValue(storageOf(p["volume"]))}
		root.Size = pveSize(p["size"], priorRootSize(prior))
		m.RootFS = root
	}

	m.Networks = nil
	for _, i := range indexedKeys(cfg, "net") {
		p := parseProps(str(cfg["net"+strconv.Itoa(i)]), "name")
		n := lxcNet{
			Name:     types.StringValue(p["name"]),
			Bridge:   types.StringValue(p["bridge"]),
			Tag:      intProp(p, "tag"),
			IP:       strProp(p, "ip"),
			Gateway:  strProp(p, "gw"),
			IP6:      strProp(p, "ip6"),
			Gateway6: strProp(p, "gw6"),
			Firewall: types.BoolValue(p["firewall"] == "1"),
			MTU:      intProp(p, "mtu"),
			HWAddr:   strProp(p, "hwaddr"),
		}
		m.Networks = append(m.Networks, n)
	}
	m.MountPoints = nil
	for _, i := range indexedKeys(cfg, "mp") {
		p := parseProps(str(cfg["mp"+strconv.Itoa(i)]), "volume")
		mp := lxcMount{
			Volume:   types.StringValue(p["volume"]),
			Path:     types.StringValue(p["mp"]),
			ReadOnly: types.BoolValue(p["ro"] == "1"),
			Backup:   types.BoolValue(p["backup"] == "1"),
			Storage:  types.StringNull(),
			Size:     sizeNull(),
		}
		if !strings.HasPrefix(p["volume"], "/") {
			mp.Storage = types.StringValue(storageOf(p["volume"]))
			priorSize := sizeNull()
			if prior != nil && len(m.MountPoints) < len(prior.MountPoints) {
				priorSize = prior.MountPoints[len(m.MountPoints)].Size
			}
			mp.Size = pveSize(p["size"], priorSize)
		}
		m.MountPoints = append(m.MountPoints, mp)
	}
	return diags
}

// keepSpelling gives every value of m that PVE only respells (sizes, MAC
// case, the description's trailing newline) o's spelling: the planned one
// after a write, the prior state's in a plan (see "Respelling" in
// guest_config.go).
func (m *lxcModel) keepSpelling(o *lxcModel) {
	m.Description = respelled(m.Description, o.Description, sameText)
	if m.RootFS != nil && o.RootFS != nil {
		m.RootFS.Size = respelledSize(m.RootFS.Size, o.RootFS.Size)
	}
	for i := range min(len(m.MountPoints), len(o.MountPoints)) {
		m.MountPoints[i].Size = respelledSize(m.MountPoints[i].Size, o.MountPoints[i].Size)
	}
	for i := range min(len(m.Networks), len(o.Networks)) {
		m.Networks[i].HWAddr = respelled(m.Networks[i].HWAddr, o.Networks[i].HWAddr, sameMAC)
	}
}

// dropWriteOnly forgets the write-only values once the create sent them:
// they are never stored.
func (m *lxcModel) dropWriteOnly() {
	m.OSTemplate, m.Password, m.SSHPublicKeys = types.StringNull(), types.StringNull(), types.StringNull()
}

func priorRootSize(prior *lxcModel) sizeValue {
	if prior == nil || prior.RootFS == nil {
		return sizeNull()
	}
	return prior.RootFS.Size
}

// bridges returns the bridge of each network entry.
func (m *lxcModel) bridges() []types.String {
	out := make([]types.String, len(m.Networks))
	for i, n := range m.Networks {
		out[i] = n.Bridge
	}
	return out
}
