package proxmox

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

type vmModel struct {
	Timeouts    timeouts.Value `tfsdk:"timeouts"`
	ID          types.String   `tfsdk:"id"`
	Node        types.String   `tfsdk:"node"`
	VMID        types.Int64    `tfsdk:"vmid"`
	Name        types.String   `tfsdk:"name"`
	Clone       *vmClone       `tfsdk:"clone"`
	Cores       types.Int64    `tfsdk:"cores"`
	Sockets     types.Int64    `tfsdk:"sockets"`
	Memory      types.Int64    `tfsdk:"memory"`
	CPUType     types.String   `tfsdk:"cpu_type"`
	Disks       []vmDisk       `tfsdk:"disk"`
	Networks    []vmNet        `tfsdk:"network"`
	CloudInit   *vmCloudInit   `tfsdk:"cloud_init"`
	Agent       types.Bool     `tfsdk:"agent"`
	Boot        types.String   `tfsdk:"boot"`
	OnBoot      types.Bool     `tfsdk:"onboot"`
	Started     types.Bool     `tfsdk:"started"`
	Tags        types.Set      `tfsdk:"tags"`
	Description types.String   `tfsdk:"description"`
	Pool        types.String   `tfsdk:"pool"`

	// digest is the config digest of the last read (kept in private state,
	// sent with config updates).
	digest string
}

type vmClone struct {
	SourceVMID types.Int64  `tfsdk:"source_vmid"`
	Full       types.Bool   `tfsdk:"full"`
	Storage    types.String `tfsdk:"storage"`
}

type vmDisk struct {
	Slot    types.String `tfsdk:"slot"`
	Storage types.String `tfsdk:"storage"`
	Size    sizeValue    `tfsdk:"size"`
	Volume  types.String `tfsdk:"volume"`
}

type vmNet struct {
	Model    types.String `tfsdk:"model"`
	Bridge   types.String `tfsdk:"bridge"`
	Tag      types.Int64  `tfsdk:"tag"`
	Firewall types.Bool   `tfsdk:"firewall"`
	MACAddr  types.String `tfsdk:"macaddr"`
}

type vmCloudInit struct {
	Storage types.String `tfsdk:"storage"`
	User    types.String `tfsdk:"user"`
	// Password is write-only: null in plans and states; Create and Update
	// set it from the configuration when it is to be sent (sendPassword).
	Password        types.String `tfsdk:"password"`
	PasswordVersion types.Int64  `tfsdk:"password_version"`
	SSHKeys         types.String `tfsdk:"ssh_keys"`
	IPConfig        []vmIPConfig `tfsdk:"ip_config"`
	Nameserver      types.String `tfsdk:"nameserver"`
	Searchdomain    types.String `tfsdk:"searchdomain"`
}

type vmIPConfig struct {
	IP       types.String `tfsdk:"ip"`
	Gateway  types.String `tfsdk:"gw"`
	IP6      types.String `tfsdk:"ip6"`
	Gateway6 types.String `tfsdk:"gw6"`
}

// ciEscape URL-encodes cloud-init ssh keys the way PVE stores them.
func ciEscape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// toAPI returns the config keys (as PVE stores them) that m manages,
// except disks and the cloud-init drive, which are allocated by create and
// apply and grown by resize. cipassword is there only while the model
// carries a password to send.
func (m *vmModel) toAPI(ctx context.Context) map[string]string {
	c := map[string]string{}
	putStr(c, "name", m.Name)
	putInt(c, "cores", m.Cores)
	putInt(c, "sockets", m.Sockets)
	putInt(c, "memory", m.Memory)
	putStr(c, "cpu", m.CPUType)
	putStr(c, "boot", m.Boot)
	putStr(c, "description", m.Description)
	if !m.Agent.IsNull() && !m.Agent.IsUnknown() && m.Agent.ValueBool() {
		c["agent"] = "1"
	}
	putBool(c, "onboot", m.OnBoot)
	putTags(ctx, c, m.Tags)
	for i, n := range m.Networks {
		model := "virtio"
		if !n.Model.IsNull() && !n.Model.IsUnknown() {
			model = n.Model.ValueString()
		}
		p := propString{"bridge": n.Bridge.ValueString()}
		first := model
		if !n.MACAddr.IsNull() && !n.MACAddr.IsUnknown() {
			first = model + "=" + strings.ToUpper(n.MACAddr.ValueString())
		}
		if !n.Tag.IsNull() && !n.Tag.IsUnknown() {
			p["tag"] = strconv.FormatInt(n.Tag.ValueInt64(), 10)
		}
		if n.Firewall.ValueBool() {
			p["firewall"] = "1"
		}
		c[fmt.Sprintf("net%d", i)] = first + "," + printProps(p, "", "bridge")
	}
	if ci := m.CloudInit; ci != nil {
		putStr(c, "ciuser", ci.User)
		putStr(c, "cipassword", ci.Password)
		if !ci.SSHKeys.IsNull() && !ci.SSHKeys.IsUnknown() {
			c["sshkeys"] = ciEscape(strings.TrimRight(ci.SSHKeys.ValueString(), "\n") + "\n")
		}
		putStr(c, "nameserver", ci.Nameserver)
		putStr(c, "searchdomain", ci.Searchdomain)
		for i, ip := range ci.IPConfig {
			p := propString{}
			for k, v := range map[string]types.String{"ip": ip.IP, "gw": ip.Gateway, "ip6": ip.IP6, "gw6": ip.Gateway6} {
				if !v.IsNull() && !v.IsUnknown() {
					p[k] = v.ValueString()
				}
			}
			if len(p) > 0 {
				c[fmt.Sprintf("ipconfig%d", i)] = printProps(p, "", "ip", "gw")
			}
		}
	}
	return c
}

// fromAPI fills m from PVE's config, in PVE's spelling (keepSpelling
// restores the configuration's after a write). prior (nil on import and
// right after a clone) says what PVE cannot: which disks the state has, in
// its order, whether it has cloud_init, and its password_version. The
// cloud-init password, which PVE returns masked, is never read.
func (m *vmModel) fromAPI(ctx context.Context, cfg map[string]any, prior *vmModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Name = cfgStr(cfg, "name")
	m.Cores = cfgIntOr(cfg, "cores", 1)
	m.Sockets = cfgIntOr(cfg, "sockets", 1)
	// memory is a string since PVE 8 ("2048"), possibly a property string.
	if mem := str(cfg["memory"]); mem != "" {
		p := parseProps(mem, "current")
		if n, err := strconv.ParseInt(p["current"], 10, 64); err == nil {
			m.Memory = types.Int64Value(n)
		}
	} else {
		m.Memory = types.Int64Value(512)
	}
	m.CPUType = cfgStr(cfg, "cpu")
	if m.CPUType.ValueString() != "" {
		m.CPUType = types.StringValue(parseProps(m.CPUType.ValueString(), "cputype")["cputype"])
	}
	m.Boot = cfgStr(cfg, "boot")
	m.Description = cfgDescription(cfg)
	agent := parseProps(str(cfg["agent"]), "enabled")
	m.Agent = types.BoolValue(agent["enabled"] == "1")
	m.OnBoot = types.BoolValue(toBool(cfg["onboot"]))
	m.Tags, diags = cfgTags(ctx, cfg)

	// Disks: those in the prior state keep their order; on import every
	// scsi/virtio/sata disk that is not a CD-ROM or cloud-init drive.
	var slots []string
	if prior != nil && prior.Disks != nil {
		for _, d := range prior.Disks {
			slots = append(slots, d.Slot.ValueString())
		}
	} else {
		for k, v := range cfg {
			if diskSlotRe.MatchString(k) && !strings.Contains(str(v), "media=cdrom") && !strings.Contains(str(v), "cloudinit") {
				slots = append(slots, k)
			}
		}
		sort.Strings(slots)
	}
	priorDisk := map[string]vmDisk{}
	if prior != nil {
		for _, d := range prior.Disks {
			priorDisk[d.Slot.ValueString()] = d
		}
	}
	m.Disks = nil
	for _, s := range slots {
		v, ok := cfg[s]
		if !ok {
			continue // removed out of band: the plan adds it again
		}
		p := parseProps(str(v), "volume")
		d := vmDisk{Slot: types.StringValue(s), Volume: types.StringValue(p["volume"]), Storage: types.StringValue(storageOf(p["volume"]))}
		d.Size = pveSize(p["size"], priorDisk[s].Size)
		if d.Size.IsNull() {
			d.Size = sizeOf("0")
		}
		m.Disks = append(m.Disks, d)
	}

	m.Networks = nil
	for _, i := range indexedKeys(cfg, "net") {
		raw := str(cfg["net"+strconv.Itoa(i)])
		p := parseProps(raw, "")
		n := vmNet{Bridge: strProp(p, "bridge"), Tag: intProp(p, "tag"), Firewall: types.BoolValue(p["firewall"] == "1"), MACAddr: types.StringNull(), Model: types.StringNull()}
		for _, model := range []string{"virtio", "e1000", "e1000e", "rtl8139", "vmxnet3"} {
			if mac, ok := p[model]; ok {
				n.Model, n.MACAddr = types.StringValue(model), types.StringValue(mac)
			}
		}
		m.Networks = append(m.Networks, n)
	}

	_, hasCIDrive := cfg[ciDiskKey]
	if prior != nil && prior.CloudInit != nil || hasCIDrive && strings.Contains(str(cfg[ciDiskKey]), "cloudinit") {
		ci := &vmCloudInit{Storage: types.StringValue(storageOf(parseProps(str(cfg[ciDiskKey]), "volume")["volume"]))}
		ci.User = cfgStr(cfg, "ciuser")
		ci.Password = types.StringNull() // PVE returns only "**********"
		ci.PasswordVersion = types.Int64Null()
		if prior != nil && prior.CloudInit != nil {
			ci.PasswordVersion = prior.CloudInit.PasswordVersion
		}
		ci.SSHKeys = types.StringNull()
		if k := str(cfg["sshkeys"]); k != "" {
			dec, err := url.PathUnescape(k)
			if err != nil {
				dec = k
			}
			ci.SSHKeys = types.StringValue(strings.TrimRight(dec, "\n"))
		}
		ci.Nameserver = cfgStr(cfg, "nameserver")
		ci.Searchdomain = cfgStr(cfg, "searchdomain")
		for _, i := range indexedKeys(cfg, "ipconfig") {
			for len(ci.IPConfig) < i {
				ci.IPConfig = append(ci.IPConfig, vmIPConfig{IP: types.StringNull(), Gateway: types.StringNull(), IP6: types.StringNull(), Gateway6: types.StringNull()})
			}
			p := parseProps(str(cfg["ipconfig"+strconv.Itoa(i)]), "")
			ci.IPConfig = append(ci.IPConfig, vmIPConfig{IP: strProp(p, "ip"), Gateway: strProp(p, "gw"), IP6: strProp(p, "ip6"), Gateway6: strProp(p, "gw6")})
		}
		if ci.Storage.ValueString() == "" && prior != nil && prior.CloudInit != nil {
			ci.Storage = prior.CloudInit.Storage
		}
		m.CloudInit = ci
	} else {
		m.CloudInit = nil
	}
	return diags
}

// createParams is the POST /nodes/{node}/qemu body of a new, empty VM: the
// managed config (toAPI), its disks and cloud-init drive allocated.
func (m *vmModel) createParams(ctx context.Context) map[string]any {
	params := map[string]any{}
	for k, v := range m.toAPI(ctx) {
		params[k] = v
	}
	for _, d := range m.Disks {
		params[d.Slot.ValueString()] = d.allocation()
	}
	if m.CloudInit != nil {
		params[ciDiskKey] = m.CloudInit.Storage.ValueString() + ":cloudinit"
	}
	params["scsihw"] = "virtio-scsi-single"
	if !m.Pool.IsNull() {
		params["pool"] = m.Pool.ValueString()
	}
	return params
}

// cloneParams is the POST .../{source}/clone body of a clone onto node of
// the template on srcNode (whose config apply then brings to m).
func (m *vmModel) cloneParams(id int, node, srcNode string) map[string]any {
	full := m.Clone.Full.IsNull() || m.Clone.Full.ValueBool() // write-only, so no default: unset is a full clone
	params := map[string]any{"newid": strconv.Itoa(id), "name": m.Name.ValueString(), "full": boolStr(full)}
	if node != srcNode {
		params["target"] = node
	}
	if !m.Pool.IsNull() {
		params["pool"] = m.Pool.ValueString()
	}
	if !m.Clone.Storage.IsNull() {
		params["storage"] = m.Clone.Storage.ValueString()
	}
	return params
}

// keepSpelling gives every value of m that PVE only respells (disk sizes,
// MAC case, the trailing newline of the description and ssh keys) o's
// spelling: the planned one after a write, the prior state's in a plan (see
// "Respelling" in guest_config.go).
func (m *vmModel) keepSpelling(o *vmModel) {
	m.Description = respelled(m.Description, o.Description, sameVMDescription)
	sizes := map[string]sizeValue{}
	for _, d := range o.Disks {
		sizes[d.Slot.ValueString()] = d.Size
	}
	for i, d := range m.Disks {
		if s, ok := sizes[d.Slot.ValueString()]; ok {
			m.Disks[i].Size = respelledSize(d.Size, s)
		}
	}
	for i := range min(len(m.Networks), len(o.Networks)) {
		m.Networks[i].MACAddr = respelled(m.Networks[i].MACAddr, o.Networks[i].MACAddr, sameMAC)
	}
	if m.CloudInit != nil && o.CloudInit != nil {
		m.CloudInit.SSHKeys = respelled(m.CloudInit.SSHKeys, o.CloudInit.SSHKeys, sameText)
	}
}

// sendPassword makes the write send the configured cloud-init password
// (write-only, so only in the configuration).
func (m *vmModel) sendPassword(password types.String) {
	if m.CloudInit != nil {
		m.CloudInit.Password = password
	}
}

// passwordVersionChanged reports whether the plan changes
// cloud_init.password_version from the state's, which sends the password.
func (m *vmModel) passwordVersionChanged(state *vmModel) bool {
	if m.CloudInit == nil {
		return false
	}
	old := types.Int64Null()
	if state.CloudInit != nil {
		old = state.CloudInit.PasswordVersion
	}
	return !m.CloudInit.PasswordVersion.Equal(old)
}

// allocation is the `STORAGE:SIZE_IN_GiB` value that allocates the disk.
func (d vmDisk) allocation() string {
	b, _ := parseSize(d.Size.ValueString())
	return d.Storage.ValueString() + ":" + gib(b)
}

// keepUnset gives what the plan leaves to PVE (unknown: a NIC's MAC and
// model, the boot order) the values of cur, the VM as it is: the state on
// update, the clone's config right after a clone. With sameBridge, a MAC
// is only kept for a NIC still on the same bridge.
func (m *vmModel) keepUnset(cur *vmModel, sameBridge bool) {
	if m.Boot.IsUnknown() {
		m.Boot = cur.Boot
	}
	for i := range m.Networks {
		if i >= len(cur.Networks) {
			continue
		}
		if m.Networks[i].MACAddr.IsUnknown() && (!sameBridge || m.Networks[i].Bridge.Equal(cur.Networks[i].Bridge)) {
			m.Networks[i].MACAddr = cur.Networks[i].MACAddr
		}
		if m.Networks[i].Model.IsUnknown() {
			m.Networks[i].Model = cur.Networks[i].Model
		}
	}
}

// bridges returns the bridge of each NIC.
func (m *vmModel) bridges() []types.String {
	out := make([]types.String, len(m.Networks))
	for i, n := range m.Networks {
		out[i] = n.Bridge
	}
	return out
}
