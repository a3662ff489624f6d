package proxmox

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	_ resource.ResourceWithConfigure      = &vmResource{}
	_ resource.ResourceWithImportState    = &vmResource{}
	_ resource.ResourceWithModifyPlan     = &vmResource{}
	_ resource.ResourceWithValidateConfig = &vmResource{}
)

func newVMResource() resource.Resource { return &vmResource{} }

type vmResource struct{ data *providerdata.Data }

type vmModel struct {
	ID          types.String `tfsdk:"id"`
	Node        types.String `tfsdk:"node"`
	VMID        types.Int64  `tfsdk:"vmid"`
	Name        types.String `tfsdk:"name"`
	Clone       *vmClone     `tfsdk:"clone"`
	Cores       types.Int64  `tfsdk:"cores"`
	Sockets     types.Int64  `tfsdk:"sockets"`
	Memory      types.Int64  `tfsdk:"memory"`
	CPUType     types.String `tfsdk:"cpu_type"`
	Disks       []vmDisk     `tfsdk:"disk"`
	Networks    []vmNet      `tfsdk:"network"`
	CloudInit   *vmCloudInit `tfsdk:"cloud_init"`
	Agent       types.Bool   `tfsdk:"agent"`
	Boot        types.String `tfsdk:"boot"`
	OnBoot      types.Bool   `tfsdk:"onboot"`
	Started     types.Bool   `tfsdk:"started"`
	Tags        types.Set    `tfsdk:"tags"`
	Description types.String `tfsdk:"description"`
	Pool        types.String `tfsdk:"pool"`

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
	Storage      types.String `tfsdk:"storage"`
	User         types.String `tfsdk:"user"`
	Password     types.String `tfsdk:"password"`
	SSHKeys      types.String `tfsdk:"ssh_keys"`
	IPConfig     []vmIPConfig `tfsdk:"ip_config"`
	Nameserver   types.String `tfsdk:"nameserver"`
	Searchdomain types.String `tfsdk:"searchdomain"`
}

type vmIPConfig struct {
	IP       types.String `tfsdk:"ip"`
	Gateway  types.String `tfsdk:"gw"`
	IP6      types.String `tfsdk:"ip6"`
	Gateway6 types.String `tfsdk:"gw6"`
}

var (
	diskSlotRe = regexp.MustCompile(`^(scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|sata[0-5])$`)
	cpuTypeRe  = regexp.MustCompile(`^[a-zA-Z0-9_.+-]+$`)
	bootRe     = regexp.MustCompile(`^order=[a-z0-9]+(;[a-z0-9]+)*$`)
	ciDiskKey  = "ide2"
)

func (r *vmResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_vm"
}

func (r *vmResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Proxmox VE QEMU virtual machine, cloned from a template (full or linked) or created empty. " +
			"Disks grow in place (shrinking is rejected at plan time); changing `node` migrates the VM.\n\n" +
			"Nothing is lost or duplicated: once PVE accepted the create or clone, the VM is in the state even when a later step " +
			"fails or the apply is interrupted (it is then tainted, and the next apply replaces it). When the state itself was lost " +
			"(the apply was killed), the next create is refused, with the `import` block to use, if a VM of the cluster already has " +
			"the configured `name` (or `vmid`) but is not in the state; a replacement destroys the old VM first, so it is not refused " +
			"(with `create_before_destroy` it needs a name of its own).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "`node/vmid`.",
				PlanModifiers: []planmodifier.String{keepState()}},
			"node": schema.StringAttribute{Required: true, MarkdownDescription: "Node hosting the VM; changing it migrates the VM (online when running).",
				Validators: []validator.String{vNode()}},
			"vmid": schema.Int64Attribute{Optional: true, Computed: true,
				MarkdownDescription: "VMID; allocated without races when omitted.",
				Validators:          []validator.Int64{int64validator.Between(100, 999999999)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()}},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "VM name (a DNS name). A create is refused while another VM of the cluster, not in the state, has this name.",
				Validators: []validator.String{validate.Regex(hostnameRe, "DNS name")}},
			"clone": schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "Clone a template instead of creating an empty VM. Changing it creates a new VM.",
				PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
					resp.RequiresReplace = !req.StateValue.IsNull()
				}, "Changing the clone source creates a new VM.", "Changing the clone source creates a new VM.")},
				Attributes: map[string]schema.Attribute{
					"source_vmid": schema.Int64Attribute{Required: true, Validators: []validator.Int64{int64validator.Between(100, 999999999)},
						MarkdownDescription: "VMID of the template (any node)."},
					"full": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
						MarkdownDescription: "Full clone (default) or linked clone."},
					"storage": schema.StringAttribute{Optional: true, Validators: []validator.String{vStorage()},
						MarkdownDescription: "Target storage of a full clone (not allowed for linked clones)."},
				}},
			"cores":    schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(1), Validators: []validator.Int64{int64validator.Between(1, 1024)}},
			"sockets":  schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(1), Validators: []validator.Int64{int64validator.Between(1, 16)}},
			"memory":   schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(2048), MarkdownDescription: "MiB (default 2048).", Validators: []validator.Int64{int64validator.AtLeast(16)}},
			"cpu_type": schema.StringAttribute{Optional: true, MarkdownDescription: "CPU model, e.g. `host` or `x86-64-v2-AES`.", Validators: []validator.String{validate.Regex(cpuTypeRe, "CPU type")}},
			"disk": schema.ListNestedAttribute{Optional: true, MarkdownDescription: "Disks by slot. New slots are allocated; existing ones grow in place; a slot removed from the list is detached (PVE keeps the volume as `unusedN`).",
				Validators: []validator.List{listvalidator.SizeAtMost(30)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"slot":    schema.StringAttribute{Required: true, MarkdownDescription: "`scsi0`–`scsi30`, `virtio0`–`virtio15`, `sata0`–`sata5`.", Validators: []validator.String{validate.Regex(diskSlotRe, "disk slot (scsiN, virtioN, sataN)")}},
					"storage": schema.StringAttribute{Required: true, Validators: []validator.String{vStorage()}},
					"size":    schema.StringAttribute{Required: true, CustomType: sizeType{}, Validators: []validator.String{vDiskSize()}},
					"volume":  schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{keepState()}},
				}},
			},
			"network": schema.ListNestedAttribute{Optional: true, MarkdownDescription: "NICs `net0`, `net1`, ... in list order.",
				Validators: []validator.List{listvalidator.SizeAtMost(32)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"model": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{keepState()},
						MarkdownDescription: "`virtio` (default), `e1000`, `e1000e`, `rtl8139`, `vmxnet3`.",
						Validators:          []validator.String{stringvalidator.OneOf("virtio", "e1000", "e1000e", "rtl8139", "vmxnet3")}},
					"bridge":   schema.StringAttribute{Required: true, Validators: []validator.String{validate.Regex(ifaceRe, "bridge name")}},
					"tag":      schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(1, 4094)}},
					"firewall": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"macaddr": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{vMAC()},
						PlanModifiers: []planmodifier.String{keepState()}, MarkdownDescription: "Generated by PVE when omitted."},
				}},
			},
			"cloud_init": schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "Cloud-init settings (a cloud-init drive is added on `storage`).",
				Attributes: map[string]schema.Attribute{
					"storage":  schema.StringAttribute{Required: true, MarkdownDescription: "Storage of the cloud-init drive (ide2).", Validators: []validator.String{vStorage()}},
					"user":     schema.StringAttribute{Optional: true},
					"password": schema.StringAttribute{Optional: true, Sensitive: true},
					"ssh_keys": schema.StringAttribute{Optional: true, Sensitive: true, Validators: []validator.String{vSSHKeys()}, MarkdownDescription: "Public keys, one per line."},
					"ip_config": schema.ListNestedAttribute{Optional: true, MarkdownDescription: "Per NIC, in order (`ipconfig0`...).",
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"ip":  schema.StringAttribute{Optional: true, Validators: []validator.String{vIPv4Config()}, MarkdownDescription: "`dhcp` or CIDR."},
							"gw":  schema.StringAttribute{Optional: true, Validators: []validator.String{vIP(false)}},
							"ip6": schema.StringAttribute{Optional: true, Validators: []validator.String{vIPv6Config()}},
							"gw6": schema.StringAttribute{Optional: true, Validators: []validator.String{vIP(true)}},
						}}},
					"nameserver":   schema.StringAttribute{Optional: true, Validators: []validator.String{vNameservers()}},
					"searchdomain": schema.StringAttribute{Optional: true, Validators: []validator.String{validate.Regex(hostnameRe, "domain name")}},
				}},
			"agent":   schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false), MarkdownDescription: "Enable the QEMU guest agent."},
			"boot":    schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{keepState()}, MarkdownDescription: "Boot order, e.g. `order=scsi0;net0`.", Validators: []validator.String{validate.Regex(bootRe, "boot order (order=scsi0;net0)")}},
			"onboot":  schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
			"started": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true), MarkdownDescription: "Desired power state (default running)."},
			"tags": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(tagRe, "must be lower case letters, digits and _ - + . (PVE lower-cases tags)"))}},
			"description": schema.StringAttribute{Optional: true},
			"pool": schema.StringAttribute{Optional: true, MarkdownDescription: "Resource pool of the VM (changed in place).",
				Validators: []validator.String{validate.Regex(poolRe, "pool id")}},
		},
	}
}

func (r *vmResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (r *vmResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m vmModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.Clone != nil && !m.Clone.Full.IsNull() && !m.Clone.Full.ValueBool() && !m.Clone.Storage.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("clone").AtName("storage"), "Storage with a linked clone",
			"A linked clone stays on its template's storage; `storage` is only allowed with `full = true`.")
	}
	slots := map[string]bool{}
	for i, d := range m.Disks {
		s := d.Slot.ValueString()
		if slots[s] {
			resp.Diagnostics.AddAttributeError(path.Root("disk").AtListIndex(i).AtName("slot"), "Duplicate disk slot", fmt.Sprintf("%q is used twice.", s))
		}
		slots[s] = true
	}
	if ci := m.CloudInit; ci != nil {
		for i, ip := range ci.IPConfig {
			if (ip.IP.IsNull() || ip.IP.ValueString() == "dhcp" || ip.IP.ValueString() == "manual") && !ip.Gateway.IsNull() {
				resp.Diagnostics.AddAttributeError(path.Root("cloud_init").AtName("ip_config").AtListIndex(i).AtName("gw"),
					"Gateway without a static address", "`gw` needs a static `ip` such as \"10.10.10.20/24\".")
			}
		}
		if len(ci.IPConfig) > len(m.Networks) && m.Networks != nil {
			resp.Diagnostics.AddAttributeError(path.Root("cloud_init").AtName("ip_config"), "More ip_config than NICs",
				fmt.Sprintf("%d ip_config entries for %d network devices.", len(ci.IPConfig), len(m.Networks)))
		}
	}
}

func (r *vmResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state vmModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.Node.Equal(state.Node) {
		// A migration changes the id (node/vmid).
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
	}
	old := map[string]vmDisk{}
	for _, d := range state.Disks {
		old[d.Slot.ValueString()] = d
	}
	for i, d := range plan.Disks {
		if o, ok := old[d.Slot.ValueString()]; ok {
			checkShrink(&resp.Diagnostics, path.Root("disk").AtListIndex(i).AtName("size"), o.Size, d.Size)
			if !o.Storage.Equal(d.Storage) && !d.Storage.IsUnknown() {
				resp.Diagnostics.AddAttributeError(path.Root("disk").AtListIndex(i).AtName("storage"), "Disk storage cannot change",
					fmt.Sprintf("Disk %s is on %s; moving it to %s is not supported by this resource. Use a new slot, or move it in PVE and update the configuration.",
						d.Slot.ValueString(), o.Storage.ValueString(), d.Storage.ValueString()))
			}
		}
	}
}

// ---------------------------------------------------------------------------
// config mapping

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

func (m *vmModel) desiredConfig(ctx context.Context) map[string]string {
	c := map[string]string{}
	setStr := func(k string, v types.String) {
		if !v.IsNull() && !v.IsUnknown() {
			c[k] = v.ValueString()
		}
	}
	setInt := func(k string, v types.Int64) {
		if !v.IsNull() && !v.IsUnknown() {
			c[k] = strconv.FormatInt(v.ValueInt64(), 10)
		}
	}
	setStr("name", m.Name)
	setInt("cores", m.Cores)
	setInt("sockets", m.Sockets)
	setInt("memory", m.Memory)
	setStr("cpu", m.CPUType)
	setStr("boot", m.Boot)
	setStr("description", m.Description)
	if !m.Agent.IsNull() && !m.Agent.IsUnknown() && m.Agent.ValueBool() {
		c["agent"] = "1"
	}
	if !m.OnBoot.IsNull() && !m.OnBoot.IsUnknown() {
		c["onboot"] = boolStr(m.OnBoot.ValueBool())
	}
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		var tags []string
		m.Tags.ElementsAs(ctx, &tags, false)
		sort.Strings(tags)
		if len(tags) > 0 {
			c["tags"] = strings.Join(tags, ";")
		}
	}
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
		setStr("ciuser", ci.User)
		setStr("cipassword", ci.Password)
		if !ci.SSHKeys.IsNull() && !ci.SSHKeys.IsUnknown() {
			c["sshkeys"] = ciEscape(strings.TrimRight(ci.SSHKeys.ValueString(), "\n") + "\n")
		}
		setStr("nameserver", ci.Nameserver)
		setStr("searchdomain", ci.Searchdomain)
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

func (m *vmModel) readConfig(ctx context.Context, cfg map[string]any, prior *vmModel) {
	optStr := func(k string) types.String {
		if v, ok := cfg[k]; ok && str(v) != "" {
			return types.StringValue(str(v))
		}
		return types.StringNull()
	}
	optInt := func(k string, def int64) types.Int64 {
		if n, ok := toInt(cfg[k]); ok {
			return types.Int64Value(int64(n))
		}
		return types.Int64Value(def)
	}
	m.Name = optStr("name")
	m.Cores = optInt("cores", 1)
	m.Sockets = optInt("sockets", 1)
	// memory is a string since PVE 8 ("2048"), possibly a property string.
	if mem := str(cfg["memory"]); mem != "" {
		p := parseProps(mem, "current")
		if n, err := strconv.ParseInt(p["current"], 10, 64); err == nil {
			m.Memory = types.Int64Value(n)
		}
	} else {
		m.Memory = types.Int64Value(512)
	}
	m.CPUType = optStr("cpu")
	if m.CPUType.ValueString() != "" {
		m.CPUType = types.StringValue(parseProps(m.CPUType.ValueString(), "cputype")["cputype"])
	}
	m.Boot = optStr("boot")
	m.Description = optStr("description")
	if !m.Description.IsNull() {
		d := m.Description.ValueString()
		if prior == nil || !strings.HasSuffix(prior.Description.ValueString(), "\n") {
			d = strings.TrimSuffix(d, "\n")
		}
		m.Description = types.StringValue(d)
	}
	agent := parseProps(str(cfg["agent"]), "enabled")
	m.Agent = types.BoolValue(agent["enabled"] == "1")
	m.OnBoot = types.BoolValue(toBool(cfg["onboot"]))
	if t := str(cfg["tags"]); t != "" {
		m.Tags, _ = types.SetValueFrom(ctx, types.StringType, splitTags(t))
	} else {
		m.Tags = types.SetNull(types.StringType)
	}

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
		d.Size = keepSize(p["size"], priorDisk[s].Size)
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
		if prior != nil && len(m.Networks) < len(prior.Networks) {
			old := prior.Networks[len(m.Networks)].MACAddr
			if !old.IsNull() && strings.EqualFold(old.ValueString(), n.MACAddr.ValueString()) {
				n.MACAddr = old
			}
		}
		m.Networks = append(m.Networks, n)
	}

	_, hasCIDrive := cfg[ciDiskKey]
	if prior != nil && prior.CloudInit != nil || hasCIDrive && strings.Contains(str(cfg[ciDiskKey]), "cloudinit") {
		ci := &vmCloudInit{Storage: types.StringValue(storageOf(parseProps(str(cfg[ciDiskKey]), "volume")["volume"]))}
		ci.User = optStr("ciuser")
		ci.Password = types.StringNull()
		if prior != nil && prior.CloudInit != nil {
			ci.Password = prior.CloudInit.Password // PVE returns only "**********"
			if _, ok := cfg["cipassword"]; !ok {
				ci.Password = types.StringNull()
			}
		}
		ci.SSHKeys = types.StringNull()
		if k := str(cfg["sshkeys"]); k != "" {
			dec, err := url.PathUnescape(k)
			if err != nil {
				dec = k
			}
			ci.SSHKeys = types.StringValue(strings.TrimRight(dec, "\n"))
			if prior != nil && prior.CloudInit != nil && strings.TrimRight(prior.CloudInit.SSHKeys.ValueString(), "\n") == strings.TrimRight(dec, "\n") {
				ci.SSHKeys = prior.CloudInit.SSHKeys
			}
		}
		ci.Nameserver = optStr("nameserver")
		ci.Searchdomain = optStr("searchdomain")
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
}

// ---------------------------------------------------------------------------
// CRUD

func qemuPath(node string, vmid int64) string { return fmt.Sprintf("/nodes/%s/qemu/%d", node, vmid) }

func (r *vmResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan vmModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	node := plan.Node.ValueString()
	want := plan.desiredConfig(ctx)

	var (
		vmid     int
		accepted bool
		err      error
		what     = "Creating the VM failed"
	)
	if plan.Clone != nil {
		src, serr := guestResource(ctx, c, plan.Clone.SourceVMID.ValueInt64())
		if serr != nil || src == nil || str(src["type"]) != "qemu" {
			if serr == nil {
				serr = fmt.Errorf("no QEMU template with VMID %d in the cluster", plan.Clone.SourceVMID.ValueInt64())
			}
			resp.Diagnostics.AddAttributeError(path.Root("clone").AtName("source_vmid"), "Clone source not found", serr.Error())
			return
		}
		if !checkNotCreatedYet(ctx, c, vmKind, plan.Name, &resp.Diagnostics) {
			return
		}
		srcPath := qemuPath(str(src["node"]), plan.Clone.SourceVMID.ValueInt64())
		what = "Cloning the VM failed"
		vmid, accepted, err = createGuest(ctx, c, "qemu", plan.VMID, func(id int) (any, error) {
			params := map[string]any{"newid": strconv.Itoa(id), "name": plan.Name.ValueString(), "full": boolStr(plan.Clone.Full.ValueBool())}
			if node != str(src["node"]) {
				params["target"] = node
			}
			if !plan.Pool.IsNull() {
				params["pool"] = plan.Pool.ValueString()
			}
			if !plan.Clone.Storage.IsNull() {
				params["storage"] = plan.Clone.Storage.ValueString()
			}
			return c.Post(ctx, srcPath+"/clone", params)
		})
	} else {
		params := map[string]any{}
		for k, v := range want {
			params[k] = v
		}
		for _, d := range plan.Disks {
			b, _ := parseSize(d.Size.ValueString())
			params[d.Slot.ValueString()] = d.Storage.ValueString() + ":" + gib(b)
		}
		if plan.CloudInit != nil {
			params[ciDiskKey] = plan.CloudInit.Storage.ValueString() + ":cloudinit"
		}
		params["scsihw"] = "virtio-scsi-single"
		if !plan.Pool.IsNull() {
			params["pool"] = plan.Pool.ValueString()
		}
		if !checkNotCreatedYet(ctx, c, vmKind, plan.Name, &resp.Diagnostics) {
			return
		}
		vmid, accepted, err = createGuest(ctx, c, "qemu", plan.VMID, func(id int) (any, error) {
			params["vmid"] = strconv.Itoa(id)
			return c.Post(ctx, "/nodes/"+node+"/qemu", params)
		})
		err = redactSecrets(err, params)
	}
	if accepted {
		// Track the VM from here on, whatever fails next.
		resp.Diagnostics.Append(recordCreated(ctx, req.Plan, &resp.State, node, int64(vmid))...)
	}
	if err != nil {
		msg := err.Error()
		if accepted {
			msg += vmKind.keptHint(node, vmid)
		} else {
			msg += vmKind.takenHint(ctx, c, plan.VMID, err)
		}
		resp.Diagnostics.AddError(what, msg)
		return
	}
	plan.VMID = types.Int64Value(int64(vmid))
	plan.ID = types.StringValue(fmt.Sprintf("%s/%d", node, vmid))
	kept := vmKind.keptHint(node, vmid)

	if plan.Clone != nil {
		// Bring the clone to the configured settings and disks.
		cur := &vmModel{VMID: plan.VMID, Node: plan.Node}
		if _, err := r.read(ctx, c, cur, false); err != nil {
			resp.Diagnostics.AddError("Reading the clone failed", err.Error()+kept)
			return
		}
		// What the configuration leaves to PVE stays as the template had it.
		if plan.Boot.IsUnknown() {
			plan.Boot = cur.Boot
		}
		for i := range plan.Networks {
			if i < len(cur.Networks) {
				if plan.Networks[i].MACAddr.IsUnknown() && plan.Networks[i].Bridge.Equal(cur.Networks[i].Bridge) {
					plan.Networks[i].MACAddr = cur.Networks[i].MACAddr
				}
				if plan.Networks[i].Model.IsUnknown() {
					plan.Networks[i].Model = cur.Networks[i].Model
				}
			}
		}
		if err := r.apply(ctx, c, node, int64(vmid), cur.digest, cur, &plan, false, false); err != nil {
			resp.Diagnostics.AddError("Configuring the clone failed", err.Error()+kept)
			return
		}
	}
	if plan.Started.ValueBool() {
		if err := c.PostTask(ctx, qemuPath(node, int64(vmid))+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, vmKind, node, plan.bridges(), err, kept)
			return
		}
	}
	found, err := r.read(ctx, c, &plan, true)
	if err != nil || !found {
		if err == nil {
			err = errors.New("the VM vanished right after its creation")
		}
		resp.Diagnostics.AddError("Reading the new VM failed", err.Error()+kept)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

// bridges returns the bridge of each NIC.
func (m *vmModel) bridges() []types.String {
	out := make([]types.String, len(m.Networks))
	for i, n := range m.Networks {
		out[i] = n.Bridge
	}
	return out
}

// apply brings the VM from cur to want: config changes (with deletions),
// new disks, disk growth. It does not touch the power state.
//
// With detach, disks in cur but no longer in want are detached (PVE keeps
// the volume as unusedN, so no data is destroyed by a configuration edit).
//
// digest is the config digest cur was read with: PVE refuses the config
// change (a *ConfigChangedError) when the VM was edited since.
func (r *vmResource) apply(ctx context.Context, c *Client, node string, vmid int64, digest string, cur, want *vmModel, running, detach bool) error {
	base := qemuPath(node, vmid)
	oldCfg, newCfg := cur.desiredConfig(ctx), want.desiredConfig(ctx)
	params := map[string]any{}
	var del []string
	for k, v := range newCfg {
		if oldCfg[k] != v {
			params[k] = v
		}
	}
	for k := range oldCfg {
		if _, ok := newCfg[k]; !ok {
			del = append(del, k)
		}
	}
	oldDisks := map[string]vmDisk{}
	for _, d := range cur.Disks {
		oldDisks[d.Slot.ValueString()] = d
	}
	var grow []vmDisk
	if detach {
		wanted := map[string]bool{}
		for _, d := range want.Disks {
			wanted[d.Slot.ValueString()] = true
		}
		for _, d := range cur.Disks {
			if !wanted[d.Slot.ValueString()] {
				del = append(del, d.Slot.ValueString())
			}
		}
	}
	for _, d := range want.Disks {
		o, ok := oldDisks[d.Slot.ValueString()]
		if !ok {
			b, _ := parseSize(d.Size.ValueString())
			params[d.Slot.ValueString()] = d.Storage.ValueString() + ":" + gib(b)
			continue
		}
		grow = append(grow, d)
		_ = o
	}
	if want.CloudInit != nil && cur.CloudInit == nil {
		params[ciDiskKey] = want.CloudInit.Storage.ValueString() + ":cloudinit"
	}
	if want.CloudInit == nil && cur.CloudInit != nil {
		del = append(del, ciDiskKey)
	}
	if len(del) > 0 {
		sort.Strings(del)
		params["delete"] = strings.Join(del, ",")
	}
	if len(params) > 0 {
		if err := c.UpdateConfig(ctx, "qemu", node, vmid, digest, params); err != nil {
			return err
		}
	}
	for _, d := range grow {
		o := oldDisks[d.Slot.ValueString()]
		ob, _ := parseSize(o.Size.ValueString())
		nb, _ := parseSize(d.Size.ValueString())
		if nb > ob {
			if err := c.PutTask(ctx, base+"/resize", map[string]any{"disk": d.Slot.ValueString(), "size": sizeForResize(nb)}); err != nil {
				return fmt.Errorf("resizing %s: %w", d.Slot.ValueString(), err)
			}
		}
	}
	if running && len(params) > 0 {
		if pending, err := c.GetList(ctx, base+"/pending"); err == nil && hasPending(pending) {
			if err := c.PostTask(ctx, base+"/status/reboot", nil); err != nil {
				return fmt.Errorf("rebooting to apply pending changes: %w", err)
			}
		}
	}
	return nil
}

// read refreshes m; with keepPrior, m's current values guide normalisation.
func (r *vmResource) read(ctx context.Context, c *Client, m *vmModel, keepPrior bool) (bool, error) {
	vmid := m.VMID.ValueInt64()
	res, err := guestResource(ctx, c, vmid)
	if err != nil {
		return false, err
	}
	if res == nil || str(res["type"]) != "qemu" {
		return false, nil
	}
	node := str(res["node"])
	cfg, err := c.GetMap(ctx, qemuPath(node, vmid)+"/config")
	if err != nil {
		if NotFound(err) {
			return false, nil
		}
		return false, err
	}
	var prior *vmModel
	if keepPrior {
		p := *m
		prior = &p
	}
	m.readConfig(ctx, cfg, prior)
	m.digest = str(cfg["digest"])
	m.Node = types.StringValue(node)
	m.ID = types.StringValue(fmt.Sprintf("%s/%d", node, vmid))
	m.Started = types.BoolValue(str(res["status"]) == "running")
	if p := str(res["pool"]); p != "" {
		m.Pool = types.StringValue(p)
	} else {
		m.Pool = types.StringNull()
	}
	if prior != nil {
		m.Clone = prior.Clone
	}
	return true, nil
}

func (r *vmResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state vmModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	found, err := r.read(ctx, c, &state, true)
	if err != nil {
		resp.Diagnostics.AddError("Reading the VM failed", err.Error())
		return
	}
	if !found {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, state.digest)...)
}

func (r *vmResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state vmModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	vmid := state.VMID.ValueInt64()
	node := state.Node.ValueString()
	running := state.Started.ValueBool()
	// Until the update succeeds, the state stays what it was (plus a
	// migration once it happened): a step that failed, e.g. a config change
	// PVE refused because the guest was edited since the plan, must not be
	// recorded as done.
	resp.State.Raw = req.State.Raw.Copy()

	if target := plan.Node.ValueString(); target != node {
		params := map[string]any{"target": target, "with-local-disks": "1"}
		if running {
			params["online"] = "1"
		}
		if err := c.PostTask(ctx, qemuPath(node, vmid)+"/migrate", params); err != nil {
			resp.Diagnostics.AddError("Migrating the VM to "+target+" failed", err.Error())
			return
		}
		node = target
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node"), types.StringValue(node))...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(fmt.Sprintf("%s/%d", node, vmid)))...)
	}
	for i := range plan.Networks {
		if plan.Networks[i].MACAddr.IsUnknown() && i < len(state.Networks) {
			plan.Networks[i].MACAddr = state.Networks[i].MACAddr
		}
		if plan.Networks[i].Model.IsUnknown() && i < len(state.Networks) {
			plan.Networks[i].Model = state.Networks[i].Model
		}
	}
	if plan.Boot.IsUnknown() {
		plan.Boot = state.Boot
	}
	// The digest of the refresh the plan was computed from.
	if err := r.apply(ctx, c, node, vmid, digestFrom(ctx, req.Private), &state, &plan, running, true); err != nil {
		var changed *ConfigChangedError
		if errors.As(err, &changed) {
			resp.Diagnostics.AddError("VM changed outside OpenTofu", err.Error())
			return
		}
		resp.Diagnostics.AddError("Updating the VM failed", err.Error())
		return
	}
	if err := setPool(ctx, c, vmid, state.Pool, plan.Pool); err != nil {
		resp.Diagnostics.AddError("Changing the pool failed", err.Error())
		return
	}
	base := qemuPath(node, vmid)
	switch {
	case plan.Started.ValueBool() && !running:
		if err := c.PostTask(ctx, base+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, vmKind, node, plan.bridges(), err, "")
			return
		}
	case !plan.Started.ValueBool() && running:
		if err := c.PostTask(ctx, base+"/status/stop", nil); err != nil {
			resp.Diagnostics.AddError("Stopping the VM failed", err.Error())
			return
		}
	}
	found, err := r.read(ctx, c, &plan, true)
	if err != nil || !found {
		if err == nil {
			err = errors.New("the VM disappeared during the update")
		}
		resp.Diagnostics.AddError("Reading the VM failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

func (r *vmResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state vmModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := clientOrDiag(ctx, r.data, &resp.Diagnostics)
	if c == nil {
		return
	}
	if err := deleteGuest(ctx, c, "qemu", state.Node.ValueString(), state.VMID.ValueInt64()); err != nil {
		resp.Diagnostics.AddError("Deleting the VM failed", err.Error())
	}
}

func (r *vmResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	node, vmid, err := parseGuestImportID(ctx, r.data, req.ID, "qemu")
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node"), node)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("vmid"), vmid)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), fmt.Sprintf("%s/%d", node, vmid))...)
}
