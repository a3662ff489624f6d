package proxmox

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	_ resource.Resource                   = &lxcResource{}
	_ resource.ResourceWithConfigure      = &lxcResource{}
	_ resource.ResourceWithImportState    = &lxcResource{}
	_ resource.ResourceWithModifyPlan     = &lxcResource{}
	_ resource.ResourceWithValidateConfig = &lxcResource{}
)

func newLXCResource() resource.Resource { return &lxcResource{} }

type lxcResource struct{ data *providerdata.Data }

type lxcModel struct {
	ID            types.String  `tfsdk:"id"`
	Node          types.String  `tfsdk:"node"`
	VMID          types.Int64   `tfsdk:"vmid"`
	Hostname      types.String  `tfsdk:"hostname"`
	OSTemplate    types.String  `tfsdk:"ostemplate"`
	Unprivileged  types.Bool    `tfsdk:"unprivileged"`
	Cores         types.Int64   `tfsdk:"cores"`
	CPULimit      types.Float64 `tfsdk:"cpulimit"`
	Memory        types.Int64   `tfsdk:"memory"`
	Swap          types.Int64   `tfsdk:"swap"`
	RootFS        *lxcRootFS    `tfsdk:"rootfs"`
	MountPoints   []lxcMount    `tfsdk:"mount_point"`
	Networks      []lxcNet      `tfsdk:"network"`
	Nameserver    types.String  `tfsdk:"nameserver"`
	Searchdomain  types.String  `tfsdk:"searchdomain"`
	Features      *lxcFeatures  `tfsdk:"features"`
	SSHPublicKeys types.String  `tfsdk:"ssh_public_keys"`
	Password      types.String  `tfsdk:"password"`
	OnBoot        types.Bool    `tfsdk:"onboot"`
	Startup       types.String  `tfsdk:"startup"`
	Started       types.Bool    `tfsdk:"started"`
	Tags          types.Set     `tfsdk:"tags"`
	Description   types.String  `tfsdk:"description"`
	Pool          types.String  `tfsdk:"pool"`

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

func (r *lxcResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_proxmox_lxc"
}

func (r *lxcResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Proxmox VE LXC container (`/nodes/{node}/lxc/{vmid}`). Disks grow in place; " +
			"shrinking is rejected at plan time. Changing `node` migrates the container (a restart migration when it runs). " +
			"Changing `vmid`, `ostemplate`, `unprivileged`, " +
			"`rootfs.storage`, `password` or `ssh_public_keys` creates a new container.\n\n" +
			"Nothing is lost or duplicated: once PVE accepted the create, the container is in the state even when a later step " +
			"fails or the apply is interrupted (it is then tainted, and the next apply replaces it). When the state itself was lost " +
			"(the apply was killed), the next create is refused, with the `import` block to use, if a container of the cluster " +
			"already has the configured `hostname` (or `vmid`) but is not in the state; a replacement destroys the old container " +
			"first, so it is not refused (with `create_before_destroy` it needs a hostname of its own).",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "`node/vmid`.",
				PlanModifiers: []planmodifier.String{keepState()},
			},
			"node": schema.StringAttribute{
				Required: true, MarkdownDescription: "Cluster node that hosts the container, e.g. `pve-s1`. Changing it migrates the container " +
					"in place (a running container is stopped, moved and started again: PVE's restart migration).",
				Validators: []validator.String{vNode()},
			},
			"vmid": schema.Int64Attribute{
				Optional: true, Computed: true,
				MarkdownDescription: "VMID (100–999999999). When omitted, the next free id is allocated; parallel creates never collide.",
				Validators:          []validator.Int64{int64validator.Between(100, 999999999)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()},
			},
			"hostname": schema.StringAttribute{
				Optional: true, Computed: true,
				MarkdownDescription: "Hostname; PVE uses `CT<vmid>` when omitted. A create is refused while another container of the cluster, " +
					"not in the state, has this hostname (a container left by an interrupted apply is recognised by it, so set one).",
				Validators:    []validator.String{validate.Regex(hostnameRe, "DNS host name"), stringvalidator.LengthAtMost(255)},
				PlanModifiers: []planmodifier.String{keepState()},
			},
			"ostemplate": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Template volume, `<storage>:vztmpl/<file>`, e.g. `local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst`. Required to create; PVE does not store it, so it is empty after import.",
				Validators:          []validator.String{validate.Regex(ostemplateRe, "template volume id (<storage>:vztmpl/<file>.tar.zst)")},
				PlanModifiers:       []planmodifier.String{requiresReplaceUnlessImported()},
			},
			"unprivileged": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Run as an unprivileged container (default `true`).",
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"cores": schema.Int64Attribute{
				Optional: true, MarkdownDescription: "CPU cores visible in the container (all host cores when unset).",
				Validators: []validator.Int64{int64validator.Between(1, 8192)},
			},
			"cpulimit": schema.Float64Attribute{
				Optional: true, MarkdownDescription: "CPU time limit in cores (`0` = unlimited).",
				Validators: []validator.Float64{float64validator.Between(0, 8192)},
			},
			"memory": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(512),
				MarkdownDescription: "Memory in MiB (default 512).",
				Validators:          []validator.Int64{int64validator.AtLeast(16)},
			},
			"swap": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(512),
				MarkdownDescription: "Swap in MiB (default 512).",
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"rootfs": schema.SingleNestedAttribute{
				Required: true, MarkdownDescription: "Root disk.",
				Attributes: map[string]schema.Attribute{
					"storage": schema.StringAttribute{Required: true, MarkdownDescription: "Storage with `rootdir` content, e.g. `local-lvm`.",
						Validators: []validator.String{vStorage()}, PlanModifiers: replace},
					"size": schema.StringAttribute{Required: true, CustomType: sizeType{}, MarkdownDescription: "Size with a unit, e.g. `8G`. Grows in place; cannot shrink.",
						Validators: []validator.String{vDiskSize()}},
					"volume": schema.StringAttribute{Computed: true, MarkdownDescription: "Allocated volume id.",
						PlanModifiers: []planmodifier.String{keepState()}},
				},
			},
			"mount_point": schema.ListNestedAttribute{
				Optional: true, MarkdownDescription: "Mount points `mp0`, `mp1`, ... in list order: a new volume on `storage` of `size`, or a bind mount of the host path `volume`.",
				Validators: []validator.List{listvalidator.SizeAtMost(256)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"storage": schema.StringAttribute{Optional: true, Validators: []validator.String{vStorage()},
						MarkdownDescription: "Storage for a new volume (with `size`)."},
					"size": schema.StringAttribute{Optional: true, CustomType: sizeType{}, Validators: []validator.String{vDiskSize()},
						MarkdownDescription: "Size of a storage volume, e.g. `16G`. Grows in place."},
					"volume": schema.StringAttribute{Optional: true, Computed: true,
						MarkdownDescription: "Host path of a bind mount (`/mnt/nas/cache`); for storage volumes, the allocated volume id.",
						PlanModifiers:       []planmodifier.String{keepState()}},
					"path": schema.StringAttribute{Required: true, MarkdownDescription: "Mount path inside the container, e.g. `/cache`.",
						Validators: []validator.String{validate.Regex(mountPathRe, "absolute path")}},
					"read_only": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"backup":    schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false), MarkdownDescription: "Include in vzdump backups."},
				}},
			},
			"network": schema.ListNestedAttribute{
				Optional: true, MarkdownDescription: "Network interfaces `net0`, `net1`, ... in list order.",
				Validators: []validator.List{listvalidator.SizeAtMost(32)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":   schema.StringAttribute{Required: true, MarkdownDescription: "Interface name in the container, e.g. `eth0`.", Validators: []validator.String{validate.Regex(ifaceRe, "interface name")}},
					"bridge": schema.StringAttribute{Required: true, MarkdownDescription: "Host bridge, e.g. `vmbr0` or `vms-internal`.", Validators: []validator.String{validate.Regex(ifaceRe, "bridge name")}},
					"tag":    schema.Int64Attribute{Optional: true, MarkdownDescription: "VLAN tag.", Validators: []validator.Int64{int64validator.Between(1, 4094)}},
					"ip":     schema.StringAttribute{Optional: true, MarkdownDescription: "`dhcp`, `manual` or `10.10.10.5/24`.", Validators: []validator.String{vIPv4Config()}},
					"gw":     schema.StringAttribute{Optional: true, MarkdownDescription: "IPv4 gateway.", Validators: []validator.String{vIP(false)}},
					"ip6":    schema.StringAttribute{Optional: true, MarkdownDescription: "`auto`, `dhcp`, `manual` or an IPv6 CIDR.", Validators: []validator.String{vIPv6Config()}},
					"gw6":    schema.StringAttribute{Optional: true, MarkdownDescription: "IPv6 gateway.", Validators: []validator.String{vIP(true)}},
					"firewall": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
						MarkdownDescription: "Enable the PVE firewall on this interface."},
					"mtu": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(64, 65535)}},
					"hwaddr": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{vMAC()},
						MarkdownDescription: "MAC address; generated by PVE when omitted and kept from then on.",
						PlanModifiers:       []planmodifier.String{keepState()}},
				}},
			},
			"nameserver": schema.StringAttribute{Optional: true, MarkdownDescription: "DNS servers, separated by spaces (host settings when unset).",
				Validators: []validator.String{vNameservers()}},
			"searchdomain": schema.StringAttribute{Optional: true, MarkdownDescription: "DNS search domain.",
				Validators: []validator.String{validate.Regex(hostnameRe, "domain name")}},
			"features": schema.SingleNestedAttribute{
				Optional: true, MarkdownDescription: "Container features.",
				Attributes: map[string]schema.Attribute{
					"nesting": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"keyctl":  schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"fuse":    schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"mount": schema.SetAttribute{Optional: true, ElementType: types.StringType,
						MarkdownDescription: "File system types the container may mount, e.g. `[\"nfs\"]`.",
						Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(tagRe, "must be a file system type such as nfs or cifs"))}},
				},
			},
			"ssh_public_keys": schema.StringAttribute{
				Optional: true, Sensitive: true, MarkdownDescription: "Authorized keys for root, one per line. Set at creation only (changing it creates a new container).",
				Validators: []validator.String{vSSHKeys()}, PlanModifiers: []planmodifier.String{requiresReplaceUnlessImported()},
			},
			"password": schema.StringAttribute{
				Optional: true, Sensitive: true, MarkdownDescription: "Root password. Set at creation only (changing it creates a new container).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(5)}, PlanModifiers: []planmodifier.String{requiresReplaceUnlessImported()},
			},
			"onboot": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "Start the container when the node boots."},
			"startup": schema.StringAttribute{Optional: true, MarkdownDescription: "Startup order, e.g. `order=2,up=30,down=60`.",
				Validators: []validator.String{validate.Regex(startupRe, "startup order (order=N,up=N,down=N)")}},
			"started": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				MarkdownDescription: "Desired power state: `true` (default) keeps the container running, `false` stopped."},
			"tags": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				MarkdownDescription: "Tags (lower case; PVE sorts them).",
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(tagRe, "must be lower case letters, digits and _ - + . (PVE lower-cases tags)"))}},
			"description": schema.StringAttribute{Optional: true, MarkdownDescription: "Notes shown in the PVE UI."},
			"pool": schema.StringAttribute{Optional: true, MarkdownDescription: "Resource pool of the container (changed in place).",
				Validators: []validator.String{validate.Regex(poolRe, "pool id")}},
		},
	}
}

// requiresReplaceUnlessImported replaces the resource when a create-only value
// changes, but not when the state has none because the resource was imported
// (PVE never returns ostemplate, password or keys).
func requiresReplaceUnlessImported() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
		resp.RequiresReplace = !req.StateValue.IsNull()
	}, "Changing this value creates a new container (it is only used at creation).",
		"Changing this value creates a new container (it is only used at creation).")
}

func (r *lxcResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerdata.FromConfigure(req.ProviderData, &resp.Diagnostics)
}

func (r *lxcResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m lxcModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	names := map[string]bool{}
	for i, n := range m.Networks {
		p := path.Root("network").AtListIndex(i)
		if !n.Name.IsUnknown() && !n.Name.IsNull() {
			if names[n.Name.ValueString()] {
				resp.Diagnostics.AddAttributeError(p.AtName("name"), "Duplicate interface name",
					fmt.Sprintf("Two network interfaces are named %q; each needs its own name.", n.Name.ValueString()))
			}
			names[n.Name.ValueString()] = true
		}
		ip := n.IP.ValueString()
		if (ip == "dhcp" || ip == "manual") && !n.Gateway.IsNull() && !n.Gateway.IsUnknown() {
			resp.Diagnostics.AddAttributeError(p.AtName("gw"), "Gateway without a static address",
				fmt.Sprintf("`gw` needs a static `ip` (e.g. \"10.10.10.5/24\"); with ip = %q the gateway comes from DHCP or is unset.", ip))
		}
		if n.IP.IsNull() && !n.Gateway.IsNull() {
			resp.Diagnostics.AddAttributeError(p.AtName("gw"), "Gateway without an address", "`gw` needs a static `ip`.")
		}
		ip6 := n.IP6.ValueString()
		if (n.IP6.IsNull() || ip6 == "dhcp" || ip6 == "auto" || ip6 == "manual") && !n.Gateway6.IsNull() && !n.Gateway6.IsUnknown() {
			resp.Diagnostics.AddAttributeError(p.AtName("gw6"), "IPv6 gateway without a static address", "`gw6` needs a static `ip6`.")
		}
	}
	paths := map[string]bool{}
	for i, mp := range m.MountPoints {
		p := path.Root("mount_point").AtListIndex(i)
		bind := !mp.Volume.IsNull() && !mp.Volume.IsUnknown() && strings.HasPrefix(mp.Volume.ValueString(), "/")
		switch {
		case bind && (!mp.Storage.IsNull() || !mp.Size.IsNull()):
			resp.Diagnostics.AddAttributeError(p, "Bind mount with storage",
				"A mount point is either a bind mount of the host path `volume`, or a new volume with `storage` and `size`, not both.")
		case !bind && !mp.Volume.IsNull() && !mp.Volume.IsUnknown():
			resp.Diagnostics.AddAttributeError(p.AtName("volume"), "Invalid bind mount source",
				"`volume` is the absolute host path of a bind mount (e.g. \"/mnt/nas/cache\"); for a new volume set `storage` and `size` instead.")
		case !bind && (mp.Storage.IsNull() || mp.Size.IsNull()) && !mp.Storage.IsUnknown() && !mp.Size.IsUnknown():
			resp.Diagnostics.AddAttributeError(p, "Incomplete mount point",
				"A storage mount point needs both `storage` and `size` (or set `volume` to a host path for a bind mount).")
		}
		if !mp.Path.IsNull() && !mp.Path.IsUnknown() {
			if paths[mp.Path.ValueString()] {
				resp.Diagnostics.AddAttributeError(p.AtName("path"), "Duplicate mount path", fmt.Sprintf("%q is mounted twice.", mp.Path.ValueString()))
			}
			paths[mp.Path.ValueString()] = true
			if mp.Path.ValueString() == "/" {
				resp.Diagnostics.AddAttributeError(p.AtName("path"), "Invalid mount path", "`/` is the root file system; use `rootfs`.")
			}
		}
	}
}

// ModifyPlan rejects what PVE would only refuse after the apply started:
// disk shrinks, and a create without a template.
func (r *lxcResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan lxcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		if plan.OSTemplate.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("ostemplate"), "Missing template",
				"Creating a container needs `ostemplate`, e.g. \"local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst\".")
		}
		return
	}
	var state lxcModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !plan.Node.Equal(state.Node) {
		// A migration changes the id (node/vmid).
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringUnknown())...)
	}
	if plan.RootFS != nil && state.RootFS != nil && plan.RootFS.Storage.Equal(state.RootFS.Storage) {
		checkShrink(&resp.Diagnostics, path.Root("rootfs").AtName("size"), state.RootFS.Size, plan.RootFS.Size)
	}
	for i, mp := range plan.MountPoints {
		if i < len(state.MountPoints) && mp.Storage.Equal(state.MountPoints[i].Storage) && !mp.Storage.IsNull() {
			checkShrink(&resp.Diagnostics, path.Root("mount_point").AtListIndex(i).AtName("size"), state.MountPoints[i].Size, mp.Size)
		}
	}
}

func checkShrink(diags *diag.Diagnostics, p path.Path, old, new sizeValue) {
	if old.IsNull() || old.IsUnknown() || new.IsNull() || new.IsUnknown() {
		return
	}
	ob, err1 := parseSize(old.ValueString())
	nb, err2 := parseSize(new.ValueString())
	if err1 == nil && err2 == nil && nb < ob {
		diags.AddAttributeError(p, "Disk cannot shrink",
			fmt.Sprintf("The disk is %s and cannot be reduced to %s: Proxmox VE only grows disks. Keep the size, or grow it.",
				old.ValueString(), new.ValueString()))
	}
}

// ---------------------------------------------------------------------------
// config mapping

// desiredConfig returns the config keys (as PVE stores them) that m manages,
// except rootfs and sizes, which are handled by create and resize.
func (m *lxcModel) desiredConfig(ctx context.Context) map[string]string {
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
	setBool := func(k string, v types.Bool) {
		if !v.IsNull() && !v.IsUnknown() {
			c[k] = boolStr(v.ValueBool())
		}
	}
	setStr("hostname", m.Hostname)
	setInt("cores", m.Cores)
	if !m.CPULimit.IsNull() && !m.CPULimit.IsUnknown() {
		c["cpulimit"] = strconv.FormatFloat(m.CPULimit.ValueFloat64(), 'f', -1, 64)
	}
	setInt("memory", m.Memory)
	setInt("swap", m.Swap)
	setStr("nameserver", m.Nameserver)
	setStr("searchdomain", m.Searchdomain)
	setBool("onboot", m.OnBoot)
	setStr("startup", m.Startup)
	setStr("description", m.Description)
	if !m.Tags.IsNull() && !m.Tags.IsUnknown() {
		var tags []string
		m.Tags.ElementsAs(ctx, &tags, false)
		sort.Strings(tags)
		if len(tags) > 0 {
			c["tags"] = strings.Join(tags, ";")
		}
	}
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

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// readConfig fills m from PVE's config, keeping the user's spelling wherever
// PVE only normalised it (sizes, MAC case, description newline, tag order).
func (m *lxcModel) readConfig(ctx context.Context, cfg map[string]any, prior *lxcModel) diag.Diagnostics {
	var diags diag.Diagnostics
	optStr := func(k string) types.String {
		if v, ok := cfg[k]; ok && str(v) != "" {
			return types.StringValue(str(v))
		}
		return types.StringNull()
	}
	optInt := func(k string) types.Int64 {
		if n, ok := toInt(cfg[k]); ok {
			return types.Int64Value(int64(n))
		}
		return types.Int64Null()
	}
	m.Hostname = optStr("hostname")
	m.Cores = optInt("cores")
	if f, ok := toFloat(cfg["cpulimit"]); ok {
		m.CPULimit = types.Float64Value(f)
	} else {
		m.CPULimit = types.Float64Null()
	}
	m.Memory = optInt("memory")
	if m.Memory.IsNull() {
		m.Memory = types.Int64Value(512)
	}
	m.Swap = optInt("swap")
	if m.Swap.IsNull() {
		m.Swap = types.Int64Value(512)
	}
	m.Unprivileged = types.BoolValue(toBool(cfg["unprivileged"]))
	m.OnBoot = types.BoolValue(toBool(cfg["onboot"]))
	m.Startup = optStr("startup")
	m.Nameserver = optStr("nameserver")
	m.Searchdomain = optStr("searchdomain")
	m.Description = optStr("description")
	if !m.Description.IsNull() {
		d := m.Description.ValueString()
		if prior == nil || prior.Description.IsNull() || !strings.HasSuffix(prior.Description.ValueString(), "\n") {
			d = strings.TrimSuffix(d, "\n")
		}
		m.Description = types.StringValue(d)
	}
	if t := str(cfg["tags"]); t != "" {
		m.Tags, diags = types.SetValueFrom(ctx, types.StringType, splitTags(t))
	} else {
		m.Tags = types.SetNull(types.StringType)
	}

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
		root.Size = keepSize(p["size"], priorRootSize(prior))
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
		if prior != nil && len(m.Networks) < len(prior.Networks) {
			old := prior.Networks[len(m.Networks)].HWAddr
			if strings.EqualFold(old.ValueString(), n.HWAddr.ValueString()) && !old.IsNull() {
				n.HWAddr = old
			}
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
			mp.Size = keepSize(p["size"], priorSize)
		}
		m.MountPoints = append(m.MountPoints, mp)
	}
	return diags
}

func priorRootSize(prior *lxcModel) sizeValue {
	if prior == nil || prior.RootFS == nil {
		return sizeNull()
	}
	return prior.RootFS.Size
}

// keepSize returns the prior spelling of a size when it means the same bytes
// as PVE's ("8192M" = "8G").
func keepSize(pve string, prior sizeValue) sizeValue {
	if pve == "" {
		return prior
	}
	if !prior.IsNull() && !prior.IsUnknown() {
		a, err1 := parseSize(pve)
		b, err2 := parseSize(prior.ValueString())
		if err1 == nil && err2 == nil && a == b {
			return prior
		}
	}
	return sizeOf(pve)
}

func strProp(p propString, k string) types.String {
	if v, ok := p[k]; ok && v != "" {
		return types.StringValue(v)
	}
	return types.StringNull()
}

func intProp(p propString, k string) types.Int64 {
	if v, ok := p[k]; ok {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return types.Int64Value(n)
		}
	}
	return types.Int64Null()
}

// indexedKeys returns the sorted N of keys prefixN present in cfg.
func indexedKeys(cfg map[string]any, prefix string) []int {
	var out []int
	for k := range cfg {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			if n, err := strconv.Atoi(rest); err == nil {
				out = append(out, n)
			}
		}
	}
	sort.Ints(out)
	return out
}

// ---------------------------------------------------------------------------
// CRUD

func (r *lxcResource) client(ctx context.Context, diags *diag.Diagnostics) *Client {
	return clientOrDiag(ctx, r.data, diags)
}

func lxcPath(node string, vmid int64) string {
	return fmt.Sprintf("/nodes/%s/lxc/%d", node, vmid)
}

func (r *lxcResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan lxcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client(ctx, &resp.Diagnostics)
	if c == nil {
		return
	}
	node := plan.Node.ValueString()
	params := map[string]any{}
	for k, v := range plan.desiredConfig(ctx) {
		params[k] = v
	}
	params["ostemplate"] = plan.OSTemplate.ValueString()
	rb, _ := parseSize(plan.RootFS.Size.ValueString())
	params["rootfs"] = plan.RootFS.Storage.ValueString() + ":" + gib(rb)
	params["unprivileged"] = boolStr(plan.Unprivileged.ValueBool())
	if !plan.Password.IsNull() {
		params["password"] = plan.Password.ValueString()
	}
	if !plan.SSHPublicKeys.IsNull() {
		params["ssh-public-keys"] = plan.SSHPublicKeys.ValueString()
	}
	if !plan.Pool.IsNull() {
		params["pool"] = plan.Pool.ValueString()
	}

	if !checkNotCreatedYet(ctx, c, lxcKind, plan.Hostname, &resp.Diagnostics) {
		return
	}
	vmid, accepted, err := createGuest(ctx, c, "lxc", plan.VMID, func(id int) (any, error) {
		params["vmid"] = strconv.Itoa(id)
		return c.Post(ctx, "/nodes/"+node+"/lxc", params)
	})
	err = redactSecrets(err, params)
	if accepted {
		// Track the container from here on, whatever fails next.
		resp.Diagnostics.Append(recordCreated(ctx, req.Plan, &resp.State, node, int64(vmid))...)
	}
	if err != nil {
		msg := err.Error()
		if accepted {
			msg += lxcKind.keptHint(node, vmid)
		} else {
			msg += lxcKind.takenHint(ctx, c, plan.VMID, err)
		}
		resp.Diagnostics.AddError("Creating the container failed", msg)
		return
	}
	plan.VMID = types.Int64Value(int64(vmid))
	plan.ID = types.StringValue(fmt.Sprintf("%s/%d", node, vmid))

	if plan.Started.ValueBool() {
		if err := c.PostTask(ctx, lxcPath(node, int64(vmid))+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, lxcKind, node, plan.bridges(), err, lxcKind.keptHint(node, vmid))
			return
		}
	}
	found, err := r.read(ctx, c, &plan)
	if err != nil || !found {
		if err == nil {
			err = errors.New("the container vanished right after its creation")
		}
		resp.Diagnostics.AddError("Reading the new container failed", err.Error()+lxcKind.keptHint(node, vmid))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

// bridges returns the bridge of each network entry.
func (m *lxcModel) bridges() []types.String {
	out := make([]types.String, len(m.Networks))
	for i, n := range m.Networks {
		out[i] = n.Bridge
	}
	return out
}

// read refreshes m from PVE. It follows a container that moved to another
// node and reports found=false when it is gone.
func (r *lxcResource) read(ctx context.Context, c *Client, m *lxcModel) (bool, error) {
	vmid := m.VMID.ValueInt64()
	node := m.Node.ValueString()
	res, err := guestResource(ctx, c, vmid)
	if err != nil {
		return false, err
	}
	if res == nil || str(res["type"]) != "lxc" {
		return false, nil
	}
	if n := str(res["node"]); n != "" {
		node = n
	}
	cfg, err := c.GetMap(ctx, lxcPath(node, vmid)+"/config")
	if err != nil {
		if NotFound(err) {
			return false, nil
		}
		return false, err
	}
	prior := *m
	if diags := m.readConfig(ctx, cfg, &prior); diags.HasError() {
		return false, fmt.Errorf("reading the config: %v", diags)
	}
	m.digest = str(cfg["digest"])
	m.Node = types.StringValue(node)
	m.ID = types.StringValue(fmt.Sprintf("%s/%d", node, vmid))
	m.Started = types.BoolValue(str(res["status"]) == "running")
	if p := str(res["pool"]); p != "" {
		m.Pool = types.StringValue(p)
	} else {
		m.Pool = types.StringNull()
	}
	return true, nil
}

// guestResource returns the /cluster/resources entry of vmid, or nil.
func guestResource(ctx context.Context, c *Client, vmid int64) (map[string]any, error) {
	list, err := c.GetList(ctx, "/cluster/resources?type=vm")
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		if id, ok := toInt(e["vmid"]); ok && int64(id) == vmid {
			return e, nil
		}
	}
	return nil, nil
}

func (r *lxcResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state lxcModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client(ctx, &resp.Diagnostics)
	if c == nil {
		return
	}
	found, err := r.read(ctx, c, &state)
	if err != nil {
		resp.Diagnostics.AddError("Reading the container failed", err.Error())
		return
	}
	if !found {
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, state.digest)...)
}

func (r *lxcResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state lxcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client(ctx, &resp.Diagnostics)
	if c == nil {
		return
	}
	node, vmid := state.Node.ValueString(), state.VMID.ValueInt64()
	running := state.Started.ValueBool()
	// Until the update succeeds, the state stays what it was (plus a
	// migration once it happened): a step that failed, e.g. a config change
	// PVE refused because the guest was edited since the plan, must not be
	// recorded as done.
	resp.State.Raw = req.State.Raw.Copy()

	// A new node: migrate first (PVE's restart migration for a running
	// container: shut down, move, start again), then change the rest there.
	if target := plan.Node.ValueString(); target != node {
		params := map[string]any{"target": target}
		if running {
			params["restart"] = "1"
		}
		if err := c.PostTask(ctx, lxcPath(node, vmid)+"/migrate", params); err != nil {
			resp.Diagnostics.AddError("Migrating the container to "+target+" failed", err.Error())
			return
		}
		node = target
		// The container is on the target from here on, even if a later step
		// fails.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node"), types.StringValue(node))...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), types.StringValue(fmt.Sprintf("%s/%d", node, vmid)))...)
	}
	base := lxcPath(node, vmid)

	// Keep allocated volumes and MACs of existing entries when the plan has
	// them unknown (list elements whose other values changed).
	for i := range plan.Networks {
		if plan.Networks[i].HWAddr.IsUnknown() && i < len(state.Networks) && plan.Networks[i].Name.Equal(state.Networks[i].Name) {
			plan.Networks[i].HWAddr = state.Networks[i].HWAddr
		}
	}
	for i := range plan.MountPoints {
		if plan.MountPoints[i].Volume.IsUnknown() && i < len(state.MountPoints) && plan.MountPoints[i].Storage.Equal(state.MountPoints[i].Storage) {
			plan.MountPoints[i].Volume = state.MountPoints[i].Volume
		}
	}

	old, want := state.desiredConfig(ctx), plan.desiredConfig(ctx)
	params := map[string]any{}
	var del []string
	for k, v := range want {
		if old[k] != v {
			params[k] = v
		}
	}
	for k := range old {
		if _, ok := want[k]; !ok {
			del = append(del, k)
		}
	}
	if len(del) > 0 {
		sort.Strings(del)
		params["delete"] = strings.Join(del, ",")
	}
	if len(params) > 0 {
		// The digest of the refresh the plan was computed from: PVE refuses
		// the change when the container was edited since.
		if err := c.UpdateConfig(ctx, "lxc", node, vmid, digestFrom(ctx, req.Private), params); err != nil {
			var changed *ConfigChangedError
			if errors.As(err, &changed) {
				resp.Diagnostics.AddError("Container changed outside OpenTofu", err.Error())
				return
			}
			resp.Diagnostics.AddError("Updating the container config failed", err.Error())
			return
		}
	}

	if err := setPool(ctx, c, vmid, state.Pool, plan.Pool); err != nil {
		resp.Diagnostics.AddError("Changing the pool failed", err.Error())
		return
	}

	// Grow disks.
	resize := func(disk string, oldSize, newSize sizeValue) bool {
		ob, _ := parseSize(oldSize.ValueString())
		nb, _ := parseSize(newSize.ValueString())
		if nb <= ob {
			return true
		}
		if err := c.PutTask(ctx, base+"/resize", map[string]any{"disk": disk, "size": sizeForResize(nb)}); err != nil {
			resp.Diagnostics.AddError("Resizing "+disk+" failed", err.Error())
			return false
		}
		return true
	}
	if !resize("rootfs", state.RootFS.Size, plan.RootFS.Size) {
		return
	}
	for i, mp := range plan.MountPoints {
		if i < len(state.MountPoints) && !mp.Storage.IsNull() && mp.Volume.Equal(state.MountPoints[i].Volume) {
			if !resize(fmt.Sprintf("mp%d", i), state.MountPoints[i].Size, mp.Size) {
				return
			}
		}
	}

	// Power state; a running container with changes PVE could not apply
	// live (pending) is rebooted.
	switch {
	case plan.Started.ValueBool() && !running:
		if err := c.PostTask(ctx, base+"/status/start", nil); err != nil {
			startFailed(&resp.Diagnostics, lxcKind, node, plan.bridges(), err, "")
			return
		}
	case !plan.Started.ValueBool() && running:
		if err := c.PostTask(ctx, base+"/status/shutdown", map[string]any{"timeout": "60", "forceStop": "1"}); err != nil {
			resp.Diagnostics.AddError("Stopping the container failed", err.Error())
			return
		}
	case running && len(params) > 0:
		if pending, err := c.GetList(ctx, base+"/pending"); err == nil && hasPending(pending) {
			if err := c.PostTask(ctx, base+"/status/reboot", nil); err != nil {
				resp.Diagnostics.AddError("Rebooting the container to apply pending changes failed", err.Error())
				return
			}
		}
	}

	found, err := r.read(ctx, c, &plan)
	if err != nil || !found {
		if err == nil {
			err = errors.New("the container disappeared during the update")
		}
		resp.Diagnostics.AddError("Reading the container failed", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(keepDigest(ctx, resp.Private, plan.digest)...)
}

// setPool moves a guest between resource pools (PUT /pools/{pool}).
func setPool(ctx context.Context, c *Client, vmid int64, old, want types.String) error {
	if old.Equal(want) || want.IsUnknown() {
		return nil
	}
	id := strconv.FormatInt(vmid, 10)
	if !want.IsNull() {
		_, err := c.Put(ctx, "/pools/"+want.ValueString(), map[string]any{"vms": id, "allow-move": "1"})
		return err
	}
	if !old.IsNull() {
		_, err := c.Put(ctx, "/pools/"+old.ValueString(), map[string]any{"vms": id, "delete": "1"})
		if NotFound(err) {
			return nil
		}
		return err
	}
	return nil
}

func hasPending(items []map[string]any) bool {
	for _, it := range items {
		if _, ok := it["pending"]; ok {
			return true
		}
		if _, ok := it["delete"]; ok {
			return true
		}
	}
	return false
}

func (r *lxcResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state lxcModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.client(ctx, &resp.Diagnostics)
	if c == nil {
		return
	}
	if err := deleteGuest(ctx, c, "lxc", state.Node.ValueString(), state.VMID.ValueInt64()); err != nil {
		resp.Diagnostics.AddError("Deleting the container failed", err.Error())
	}
}

// deleteGuest stops the guest when it runs, then destroys it with its disks.
// A guest that is already gone is not an error.
func deleteGuest(ctx context.Context, c *Client, kind, node string, vmid int64) error {
	res, err := guestResource(ctx, c, vmid)
	if err != nil {
		return err
	}
	if res == nil {
		c.forgetGuest(vmid)
		return nil
	}
	if n := str(res["node"]); n != "" {
		node = n
	}
	base := fmt.Sprintf("/nodes/%s/%s/%d", node, kind, vmid)
	if str(res["status"]) == "running" {
		if err := c.PostTask(ctx, base+"/status/stop", nil); err != nil && !strings.Contains(err.Error(), "not running") {
			return err
		}
	}
	err = c.DeleteTask(ctx, base+"?purge=1&destroy-unreferenced-disks=1")
	if err != nil && NotFound(err) {
		err = nil
	}
	if err == nil {
		// A create later in this run (a replacement) may reuse its name.
		c.forgetGuest(vmid)
	}
	return err
}

func (r *lxcResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	node, vmid, err := r.parseImportID(ctx, req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("node"), node)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("vmid"), vmid)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), fmt.Sprintf("%s/%d", node, vmid))...)
}

// parseImportID accepts `node/vmid` or a bare `vmid` (the node is then looked
// up in /cluster/resources).
func (r *lxcResource) parseImportID(ctx context.Context, id string) (string, int64, error) {
	return parseGuestImportID(ctx, r.data, id, "lxc")
}

func parseGuestImportID(ctx context.Context, d *providerdata.Data, id, kind string) (string, int64, error) {
	nodePart, idPart, hasNode := strings.Cut(id, "/")
	if !hasNode {
		idPart = nodePart
	}
	vmid, err := strconv.ParseInt(idPart, 10, 64)
	if err != nil || vmid < 100 {
		return "", 0, fmt.Errorf("%q is not an import id: use `node/vmid` (e.g. `pve-s1/1005`) or the VMID alone (`1005`)", id)
	}
	if hasNode {
		if !nodeRe.MatchString(nodePart) {
			return "", 0, fmt.Errorf("%q: %q is not a node name", id, nodePart)
		}
		return nodePart, vmid, nil
	}
	c, err := clientFrom(ctx, d)
	if err != nil {
		return "", 0, err
	}
	res, err := guestResource(ctx, c, vmid)
	if err != nil {
		return "", 0, err
	}
	if res == nil {
		return "", 0, fmt.Errorf("no guest with VMID %d exists in the cluster", vmid)
	}
	if t := str(res["type"]); t != kind {
		return "", 0, fmt.Errorf("VMID %d is a %s guest, not %s", vmid, t, kind)
	}
	return str(res["node"]), vmid, nil
}
