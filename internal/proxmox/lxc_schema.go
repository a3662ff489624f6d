package proxmox

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

func (r *lxcResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		// Version 1: ostemplate, password and ssh_public_keys became
		// write-only; the upgrader from 0 drops their stored values
		// (state_upgrade.go). A rename or a changed type bumps it again.
		Version: 1,
		MarkdownDescription: "A Proxmox VE LXC container (`/nodes/{node}/lxc/{vmid}`). Disks grow in place; " +
			"shrinking is rejected at plan time. Changing `node` migrates the container (a restart migration when it runs). " +
			"Changing `vmid`, `unprivileged` or `rootfs.storage` creates a new container.\n\n" +
			"`ostemplate`, `password` and `ssh_public_keys` are write-only (OpenTofu or Terraform 1.11 or later): PVE takes them " +
			"at creation only and never returns them, so they are never stored in the state, an import needs none of them, and " +
			"changing them later changes nothing (a rotated password variable does not destroy the container). " +
			"To rebuild a container from another template or with other credentials, replace it: " +
			"`tofu apply -replace=homelab_proxmox_lxc.<name>`.\n\n" +
			"Values PVE spells its own way (`10G` for a configured `10240M`, MAC addresses in upper case, the description's " +
			"trailing newline) are stored as PVE spells them and are no change.\n\n" +
			"Nothing is lost or duplicated: once PVE accepted the create, the container is in the state even when a later step " +
			"fails or the apply is interrupted (it is then tainted, and the next apply replaces it). When the state itself was lost " +
			"(the apply was killed), the next create is refused, with the `import` block to use, if a container of the cluster " +
			"already has the configured `hostname` (or `vmid`) but is not in the state; a replacement destroys the old container " +
			"first, so it is not refused (with `create_before_destroy` it needs a hostname of its own).",
		Attributes: map[string]schema.Attribute{
			"timeouts": timeoutsAttribute(ctx),
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "`node/vmid`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
			},
			"node": schema.StringAttribute{
				Required: true, MarkdownDescription: "Cluster node that hosts the container, e.g. `pve-s1`. Changing it migrates the container " +
					"in place (a running container is stopped, moved and started again: PVE's restart migration; through the HA manager when HA manages it).",
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
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
			},
			"ostemplate": schema.StringAttribute{
				Optional: true, WriteOnly: true,
				MarkdownDescription: "Template volume, `<storage>:vztmpl/<file>`, e.g. `local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst`. " +
					"Required to create. Write-only, used at creation only: PVE does not store it, and changing it later changes nothing " +
					"(to rebuild from another template, `tofu apply -replace=...`).",
				Validators: []validator.String{validate.Regex(ostemplateRe, "template volume id (<storage>:vztmpl/<file>.tar.zst)")},
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
						PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}},
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
						PlanModifiers:       []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}},
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
						PlanModifiers:       []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}},
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
				Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Authorized keys for root, one per line. Write-only, used at creation only: changing it later " +
					"changes nothing (change the keys inside the container, or `tofu apply -replace=...`).",
				Validators: []validator.String{vSSHKeys()},
			},
			"password": schema.StringAttribute{
				Optional: true, Sensitive: true, WriteOnly: true,
				MarkdownDescription: "Root password. Write-only, used at creation only: never stored in the state, and changing it " +
					"later changes nothing (change it inside the container, or `tofu apply -replace=...`).",
				Validators: []validator.String{stringvalidator.LengthAtLeast(5)},
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

// ModifyPlan rejects what PVE would only refuse after the apply started
// (disk shrinks, a create without a template) and keeps the prior state's
// spelling of values PVE respells.
func (r *lxcResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	if req.State.Raw.IsNull() {
		// Write-only: only the configuration has it.
		var tmpl types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("ostemplate"), &tmpl)...)
		if tmpl.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("ostemplate"), "Missing template",
				"Creating a container needs `ostemplate`, e.g. \"local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst\".")
		}
		return
	}
	var plan, state lxcModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plan.keepSpelling(&state)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	resp.Diagnostics.Append(planMigration(ctx, &resp.Plan, plan.Node, state.Node)...)
	if plan.RootFS != nil && state.RootFS != nil && plan.RootFS.Storage.Equal(state.RootFS.Storage) {
		checkShrink(&resp.Diagnostics, path.Root("rootfs").AtName("size"), state.RootFS.Size, plan.RootFS.Size)
	}
	for i, mp := range plan.MountPoints {
		if i < len(state.MountPoints) && mp.Storage.Equal(state.MountPoints[i].Storage) && !mp.Storage.IsNull() {
			checkShrink(&resp.Diagnostics, path.Root("mount_point").AtListIndex(i).AtName("size"), state.MountPoints[i].Size, mp.Size)
		}
	}
}
