package proxmox

import (
	"context"
	"fmt"
	"regexp"

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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/homelab-iac/terraform-provider-homelab/internal/validate"
)

var (
	diskSlotRe = regexp.MustCompile(`^(scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|sata[0-5])$`)
	cpuTypeRe  = regexp.MustCompile(`^[a-zA-Z0-9_.+-]+$`)
	bootRe     = regexp.MustCompile(`^order=[a-z0-9]+(;[a-z0-9]+)*$`)
	ciDiskKey  = "ide2"
)

func (r *vmResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		// Version 1: clone and cloud_init.password became write-only and
		// cloud_init.password_version was added; the upgrader from 0 drops
		// the stored write-only values (state_upgrade.go). A rename or a
		// changed type bumps it again.
		Version: 1,
		MarkdownDescription: "A Proxmox VE QEMU virtual machine, cloned from a template (full or linked) or created empty. " +
			"Disks grow in place (shrinking is rejected at plan time); changing `node` migrates the VM.\n\n" +
			"`clone` and `cloud_init.password` are write-only (OpenTofu or Terraform 1.11 or later): PVE never returns them, so " +
			"they are never stored in the state and an import needs neither. `clone` is used at creation only: changing it later " +
			"changes nothing; to rebuild the VM from another template, `tofu apply -replace=homelab_proxmox_vm.<name>`. " +
			"The cloud-init password is sent at creation and again whenever `cloud_init.password_version` changes.\n\n" +
			"Values PVE spells its own way (`16G` for a configured `16384M`, MAC addresses in upper case, the trailing newline " +
			"of the description and ssh keys) are stored as PVE spells them and are no change.\n\n" +
			"Nothing is lost or duplicated: once PVE accepted the create or clone, the VM is in the state even when a later step " +
			"fails or the apply is interrupted (it is then tainted, and the next apply replaces it). When the state itself was lost " +
			"(the apply was killed), the next create is refused, with the `import` block to use, if a VM of the cluster already has " +
			"the configured `name` (or `vmid`) but is not in the state; a replacement destroys the old VM first, so it is not refused " +
			"(with `create_before_destroy` it needs a name of its own).",
		Attributes: map[string]schema.Attribute{
			"timeouts": timeoutsAttribute(ctx),
			"id": schema.StringAttribute{Computed: true, MarkdownDescription: "`node/vmid`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}},
			"node": schema.StringAttribute{Required: true, MarkdownDescription: "Node hosting the VM; changing it migrates the VM (online when running; through the HA manager when HA manages it).",
				Validators: []validator.String{vNode()}},
			"vmid": schema.Int64Attribute{Optional: true, Computed: true,
				MarkdownDescription: "VMID; allocated without races when omitted.",
				Validators:          []validator.Int64{int64validator.Between(100, 999999999)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), int64planmodifier.RequiresReplace()}},
			"name": schema.StringAttribute{Required: true, MarkdownDescription: "VM name (a DNS name). A create is refused while another VM of the cluster, not in the state, has this name.",
				Validators: []validator.String{validate.Regex(hostnameRe, "DNS name")}},
			"clone": schema.SingleNestedAttribute{Optional: true, WriteOnly: true,
				MarkdownDescription: "Clone a template instead of creating an empty VM. Write-only, used at creation only: PVE does not " +
					"record the source, and changing it later changes nothing (to rebuild from another template, `tofu apply -replace=...`).",
				Attributes: map[string]schema.Attribute{
					"source_vmid": schema.Int64Attribute{Required: true, WriteOnly: true, Validators: []validator.Int64{int64validator.Between(100, 999999999)},
						MarkdownDescription: "VMID of the template (any node)."},
					"full": schema.BoolAttribute{Optional: true, WriteOnly: true,
						MarkdownDescription: "Full clone (when unset or `true`) or linked clone (`false`)."},
					"storage": schema.StringAttribute{Optional: true, WriteOnly: true, Validators: []validator.String{vStorage()},
						MarkdownDescription: "Target storage of a full clone (not allowed for linked clones)."},
				}},
			"cores":    schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(1), Validators: []validator.Int64{int64validator.Between(1, 1024)}},
			"sockets":  schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(1), Validators: []validator.Int64{int64validator.Between(1, 16)}},
			"memory":   schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(512), MarkdownDescription: "MiB (default 512, PVE's).", Validators: []validator.Int64{int64validator.AtLeast(16)}},
			"cpu_type": schema.StringAttribute{Optional: true, MarkdownDescription: "CPU model, e.g. `host` or `x86-64-v2-AES`.", Validators: []validator.String{validate.Regex(cpuTypeRe, "CPU type")}},
			"disk": schema.ListNestedAttribute{Optional: true, Computed: true,
				MarkdownDescription: "Disks by slot. New slots are allocated; existing ones grow in place; a slot removed from the list is detached " +
					"(PVE keeps the volume as `unusedN`). When omitted, the VM keeps the disks it has (a clone its template's) and they are " +
					"read back here; `disk = []` detaches them all.",
				Validators:    []validator.List{listvalidator.SizeAtMost(30)},
				PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"slot":    schema.StringAttribute{Required: true, MarkdownDescription: "`scsi0`–`scsi30`, `virtio0`–`virtio15`, `sata0`–`sata5`.", Validators: []validator.String{validate.Regex(diskSlotRe, "disk slot (scsiN, virtioN, sataN)")}},
					"storage": schema.StringAttribute{Required: true, Validators: []validator.String{vStorage()}},
					"size":    schema.StringAttribute{Required: true, CustomType: sizeType{}, Validators: []validator.String{vDiskSize()}},
					"volume":  schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}},
				}},
			},
			"network": schema.ListNestedAttribute{Optional: true, MarkdownDescription: "NICs `net0`, `net1`, ... in list order.",
				Validators: []validator.List{listvalidator.SizeAtMost(32)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"model": schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
						MarkdownDescription: "`virtio` (default), `e1000`, `e1000e`, `rtl8139`, `vmxnet3`.",
						Validators:          []validator.String{stringvalidator.OneOf("virtio", "e1000", "e1000e", "rtl8139", "vmxnet3")}},
					"bridge":   schema.StringAttribute{Required: true, Validators: []validator.String{validate.Regex(ifaceRe, "bridge name")}},
					"tag":      schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.Between(1, 4094)}},
					"firewall": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
					"macaddr": schema.StringAttribute{Optional: true, Computed: true, Validators: []validator.String{vMAC()},
						PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}, MarkdownDescription: "Generated by PVE when omitted."},
				}},
			},
			"cloud_init": schema.SingleNestedAttribute{Optional: true, MarkdownDescription: "Cloud-init settings (a cloud-init drive is added on `storage`).",
				Attributes: map[string]schema.Attribute{
					"storage": schema.StringAttribute{Required: true, MarkdownDescription: "Storage of the cloud-init drive (ide2).", Validators: []validator.String{vStorage()}},
					"user":    schema.StringAttribute{Optional: true},
					"password": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
						MarkdownDescription: "Password of the cloud-init user. Write-only (PVE returns it masked): sent at creation and again " +
							"whenever `password_version` changes; a changed password alone changes nothing."},
					"password_version": schema.Int64Attribute{Optional: true,
						MarkdownDescription: "Change it (e.g. `1` to `2`) to send `password` again. Not read from PVE: after an import, " +
							"a configured value plans one in-place update that sends the password."},
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
			"boot":    schema.StringAttribute{Optional: true, Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()}, MarkdownDescription: "Boot order, e.g. `order=scsi0;net0`.", Validators: []validator.String{validate.Regex(bootRe, "boot order (order=scsi0;net0)")}},
			"onboot":  schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false)},
			"started": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(true), MarkdownDescription: "Desired power state (default running); `false` shuts the VM down (ACPI, then stopped after 60 s)."},
			"tags": schema.SetAttribute{Optional: true, ElementType: types.StringType,
				Validators: []validator.Set{setvalidator.ValueStringsAre(stringvalidator.RegexMatches(tagRe, "must be lower case letters, digits and _ - + . (PVE lower-cases tags)"))}},
			"description": schema.StringAttribute{Optional: true},
			"pool": schema.StringAttribute{Optional: true, MarkdownDescription: "Resource pool of the VM (changed in place).",
				Validators: []validator.String{validate.Regex(poolRe, "pool id")}},
		},
	}
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

// ModifyPlan rejects disk shrinks and storage moves at plan time and keeps
// the prior state's spelling of values PVE respells.
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
	plan.keepSpelling(&state)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	resp.Diagnostics.Append(planMigration(ctx, &resp.Plan, plan.Node, state.Node)...)
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
