package proxmox

import (
	"context"
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const sampleKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBvu admin@rachuna-net.pl"

// sampleVM is a VM as a configuration plans it.
func sampleVM() vmModel {
	return vmModel{
		Node: types.StringValue("pve-s1"), VMID: types.Int64Value(2001), Name: types.StringValue("haproxy-1"),
		Cores: types.Int64Value(2), Sockets: types.Int64Value(1), Memory: types.Int64Value(2048), CPUType: types.StringValue("host"),
		Disks: []vmDisk{{Slot: types.StringValue("scsi0"), Storage: types.StringValue("local-lvm"), Size: sizeOf("16384M"), Volume: types.StringUnknown()}},
		Networks: []vmNet{{Model: types.StringUnknown(), Bridge: types.StringValue("vmbr0"), Tag: types.Int64Value(20),
			Firewall: types.BoolValue(true), MACAddr: types.StringValue("bc:24:11:aa:bb:01")}},
		CloudInit: &vmCloudInit{
			Storage: types.StringValue("local-lvm"), User: types.StringValue("ubuntu"), Password: types.StringValue("s3cret"),
			SSHKeys:    types.StringValue(sampleKey),
			IPConfig:   []vmIPConfig{{IP: types.StringValue("10.10.20.11/24"), Gateway: types.StringValue("10.10.20.1"), IP6: types.StringNull(), Gateway6: types.StringNull()}},
			Nameserver: types.StringValue("10.10.20.1"), Searchdomain: types.StringValue("lab.local"),
		},
		Agent: types.BoolValue(true), Boot: types.StringValue("order=scsi0;net0"), OnBoot: types.BoolValue(false), Started: types.BoolValue(true),
		Tags: strSet("haproxy", "dmz"), Description: types.StringValue("HAProxy"), Pool: types.StringValue("web"),
	}
}

const sampleKeyEscaped = "ssh-ed25519%20AAAAC3NzaC1lZDI1NTE5AAAAIBvu%20admin%40rachuna-net.pl%0A"

// TestVMModelToAPI: the managed settings as PVE's config keys; the NIC's
// model and MAC in PVE's `model=MAC` form, ssh keys URL-encoded as PVE
// stores them; the create adds disks and the cloud-init drive.
func TestVMModelToAPI(t *testing.T) {
	m := sampleVM()
	got := m.toAPI(context.Background())
	want := map[string]string{
		"name": "haproxy-1", "cores": "2", "sockets": "1", "memory": "2048", "cpu": "host", "boot": "order=scsi0;net0",
		"description": "HAProxy", "agent": "1", "onboot": "0", "tags": "dmz;haproxy",
		"net0":   "virtio=BC:24:11:AA:BB:01,bridge=vmbr0,firewall=1,tag=20",
		"ciuser": "ubuntu", "cipassword": "s3cret", "sshkeys": sampleKeyEscaped,
		"nameserver": "10.10.20.1", "searchdomain": "lab.local",
		"ipconfig0": "ip=10.10.20.11/24,gw=10.10.20.1",
	}
	for k := range maps.Keys(want) {
		if got[k] != want[k] {
			t.Errorf("%s = %q, want %q", k, got[k], want[k])
		}
	}
	for k := range maps.Keys(got) {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected key %s = %q", k, got[k])
		}
	}

	p := m.createParams(context.Background())
	for k, v := range map[string]string{"scsi0": "local-lvm:16", "ide2": "local-lvm:cloudinit", "scsihw": "virtio-scsi-single", "pool": "web", "name": "haproxy-1"} {
		if p[k] != v {
			t.Errorf("create %s = %v, want %q", k, p[k], v)
		}
	}

	m.Clone = &vmClone{SourceVMID: types.Int64Value(9000), Full: types.BoolValue(false), Storage: types.StringNull()}
	cp := m.cloneParams(2001, "pve-s2", "pve-s1")
	if !maps.Equal(cp, map[string]any{"newid": "2001", "name": "haproxy-1", "full": "0", "target": "pve-s2", "pool": "web"}) {
		t.Errorf("clone params = %v", cp)
	}
	// clone is write-only, so `full` has no default: unset is a full clone.
	m.Clone.Full = types.BoolNull()
	if cp := m.cloneParams(2001, "pve-s1", "pve-s1"); cp["full"] != "1" {
		t.Errorf("a clone without full sends full=%v", cp["full"])
	}
	if cp := m.cloneParams(2001, "pve-s1", "pve-s1"); cp["target"] != nil {
		t.Errorf("a clone on the template's node sends target=%v", cp["target"])
	}

	// A NIC without a MAC: the model alone; agent off: no key.
	m.Networks[0].MACAddr = types.StringUnknown()
	m.Networks[0].Model = types.StringValue("e1000")
	m.Agent = types.BoolValue(false)
	got = m.toAPI(context.Background())
	if got["net0"] != "e1000,bridge=vmbr0,firewall=1,tag=20" {
		t.Errorf("net0 without a MAC = %q", got["net0"])
	}
	if _, ok := got["agent"]; ok {
		t.Errorf("agent = %q with the agent off", got["agent"])
	}
}

// pveVMConfig is the config PVE returns for sampleVM (memory a string,
// agent and cpu property strings, a CD-ROM, the cloud-init drive, the
// password masked).
func pveVMConfig() map[string]any {
	return map[string]any{
		"name": "haproxy-1", "cores": float64(2), "sockets": float64(1), "memory": "2048", "cpu": "host,flags=+aes",
		"boot": "order=scsi0;net0", "description": "HAProxy\n", "agent": "1,fstrim_cloned_disks=1", "tags": "dmz;haproxy",
		"scsi0":  "local-lvm:vm-2001-disk-0,iothread=1,size=16G",
		"sata0":  "none,media=cdrom",
		"ide2":   "local-lvm:vm-2001-cloudinit,media=cdrom",
		"scsihw": "virtio-scsi-single",
		"net0":   "virtio=BC:24:11:AA:BB:01,bridge=vmbr0,firewall=1,tag=20",
		"ciuser": "ubuntu", "cipassword": "**********", "sshkeys": sampleKeyEscaped,
		"ipconfig0": "ip=10.10.20.11/24,gw=10.10.20.1", "ipconfig2": "ip=dhcp",
		"nameserver": "10.10.20.1", "searchdomain": "lab.local", "digest": "feed",
	}
}

// TestVMModelFromAPI: on refresh the prior state's disks and
// password_version are kept and values are in PVE's spelling (keepSpelling
// restores the planned one after a write); the cloud-init password (PVE
// returns it masked) is never read; on import, PVE's own disks (not CD-ROMs
// or the cloud-init drive) in slot order.
func TestVMModelFromAPI(t *testing.T) {
	ctx := context.Background()
	eq := func(what string, got, want attr.Value) {
		t.Helper()
		if !got.Equal(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	prior := sampleVM()
	prior.CloudInit.PasswordVersion = types.Int64Value(3)
	var m vmModel
	if diags := m.fromAPI(ctx, pveVMConfig(), &prior); diags.HasError() {
		t.Fatal(diags)
	}
	eq("memory", m.Memory, types.Int64Value(2048))
	eq("cores", m.Cores, types.Int64Value(2))
	eq("cpu_type", m.CPUType, types.StringValue("host"))
	eq("agent", m.Agent, types.BoolValue(true))
	eq("onboot", m.OnBoot, types.BoolValue(false))
	eq("description", m.Description, types.StringValue("HAProxy"))
	eq("tags", m.Tags, strSet("dmz", "haproxy"))
	if len(m.Disks) != 1 {
		t.Fatalf("disks %+v", m.Disks)
	}
	eq("disk.0.size (PVE's spelling)", m.Disks[0].Size, sizeOf("16G"))
	eq("disk.0.volume", m.Disks[0].Volume, types.StringValue("local-lvm:vm-2001-disk-0"))
	eq("disk.0.storage", m.Disks[0].Storage, types.StringValue("local-lvm"))
	eq("network.0.model", m.Networks[0].Model, types.StringValue("virtio"))
	eq("network.0.macaddr (PVE's case)", m.Networks[0].MACAddr, types.StringValue("BC:24:11:AA:BB:01"))
	eq("network.0.tag", m.Networks[0].Tag, types.Int64Value(20))
	ci := m.CloudInit
	eq("cloud_init.storage", ci.Storage, types.StringValue("local-lvm"))
	eq("cloud_init.password (write-only, PVE masks it)", ci.Password, types.StringNull())
	eq("cloud_init.password_version (kept)", ci.PasswordVersion, types.Int64Value(3))
	eq("cloud_init.ssh_keys", ci.SSHKeys, types.StringValue(sampleKey))
	if len(ci.IPConfig) != 3 {
		t.Fatalf("ip_config %+v", ci.IPConfig)
	}
	eq("ip_config.0.gw", ci.IPConfig[0].Gateway, types.StringValue("10.10.20.1"))
	eq("ip_config.1.ip (gap)", ci.IPConfig[1].IP, types.StringNull())
	eq("ip_config.2.ip", ci.IPConfig[2].IP, types.StringValue("dhcp"))

	// After a write: the planned spelling.
	m.keepSpelling(&prior)
	eq("written disk.0.size", m.Disks[0].Size, sizeOf("16384M"))
	eq("written macaddr", m.Networks[0].MACAddr, types.StringValue("bc:24:11:aa:bb:01"))

	// Import.
	cfg := pveVMConfig()
	cfg["virtio1"] = "nas:vm-2001-disk-1,size=512M"
	delete(cfg, "memory")
	var imp vmModel
	if diags := imp.fromAPI(ctx, cfg, nil); diags.HasError() {
		t.Fatal(diags)
	}
	if len(imp.Disks) != 2 || imp.Disks[0].Slot.ValueString() != "scsi0" || imp.Disks[1].Slot.ValueString() != "virtio1" {
		t.Fatalf("imported disks %+v, want scsi0 and virtio1", imp.Disks)
	}
	eq("imported disk.1.size", imp.Disks[1].Size, sizeOf("512M"))
	eq("imported memory (PVE default)", imp.Memory, types.Int64Value(512))
	eq("imported password", imp.CloudInit.Password, types.StringNull())
	eq("imported password_version", imp.CloudInit.PasswordVersion, types.Int64Null())
	eq("imported macaddr", imp.Networks[0].MACAddr, types.StringValue("BC:24:11:AA:BB:01"))

	// A disk removed out of band is dropped (the plan adds it again); no
	// cloud-init drive and none before: no cloud_init.
	cfg = pveVMConfig()
	delete(cfg, "scsi0")
	delete(cfg, "ide2")
	noCI := sampleVM()
	noCI.CloudInit = nil
	var gone vmModel
	gone.fromAPI(ctx, cfg, &noCI)
	if len(gone.Disks) != 0 || gone.CloudInit != nil {
		t.Errorf("disks %+v, cloud_init %+v; want none", gone.Disks, gone.CloudInit)
	}
}

// TestVMModelRoundTrip: the config sent for a plan, read back, sends the
// same config again.
func TestVMModelRoundTrip(t *testing.T) {
	ctx := context.Background()
	plan := sampleVM()
	plan.Networks[0].Model = types.StringValue("virtio")
	sent := plan.toAPI(ctx)
	cfg := map[string]any{"scsi0": "local-lvm:vm-2001-disk-0,size=16G", "ide2": "local-lvm:vm-2001-cloudinit,media=cdrom"}
	for k, v := range sent {
		cfg[k] = v
	}
	cfg["cipassword"] = "**********"
	got := plan
	if diags := got.fromAPI(ctx, cfg, &plan); diags.HasError() {
		t.Fatal(diags)
	}
	got.keepSpelling(&plan) // as after a write
	// The password was sent once; the read-back model does not send it again.
	delete(sent, "cipassword")
	if again := got.toAPI(ctx); !maps.Equal(again, sent) {
		t.Errorf("after a read back, toAPI = %v\nwant %v", again, sent)
	}
	if !got.Disks[0].Size.Equal(plan.Disks[0].Size) || !got.CloudInit.SSHKeys.Equal(plan.CloudInit.SSHKeys) || !got.Tags.Equal(plan.Tags) {
		t.Errorf("round trip changed disks %v, keys %v or tags %v", got.Disks[0].Size, got.CloudInit.SSHKeys, got.Tags)
	}
}

// TestVMKeepSpelling: disks pair by slot, MACs by position, ssh keys and
// the description modulo their trailing newline; real changes stay.
func TestVMKeepSpelling(t *testing.T) {
	state := sampleVM()
	state.Disks = []vmDisk{
		{Slot: types.StringValue("scsi1"), Storage: types.StringValue("local-lvm"), Size: sizeOf("8G"), Volume: types.StringValue("v1")},
		{Slot: types.StringValue("scsi0"), Storage: types.StringValue("local-lvm"), Size: sizeOf("16G"), Volume: types.StringValue("v0")},
	}
	state.Networks[0].MACAddr = types.StringValue("BC:24:11:AA:BB:01")
	plan := sampleVM() // scsi0 16384M, lower-case MAC
	plan.Disks = append(plan.Disks, vmDisk{Slot: types.StringValue("scsi1"), Storage: types.StringValue("local-lvm"), Size: sizeOf("10G")})
	plan.CloudInit.SSHKeys = types.StringValue(sampleKey + "\n")
	state.Description = types.StringValue("HAProxy \n\n") // qemu-server returns "HAProxy"
	plan.keepSpelling(&state)
	if plan.Description.ValueString() != "HAProxy \n\n" {
		t.Errorf("description %q: trailing whitespace is only PVE's spelling", plan.Description.ValueString())
	}
	changed := sampleVM()
	changed.Description = types.StringValue("HAProxy2")
	if changed.keepSpelling(&state); changed.Description.ValueString() != "HAProxy2" {
		t.Errorf("a changed description became %q", changed.Description.ValueString())
	}
	if plan.Disks[0].Size.ValueString() != "16G" || plan.Disks[1].Size.ValueString() != "10G" {
		t.Errorf("disk sizes %v, %v; want 16G (same bytes) and 10G (grown)", plan.Disks[0].Size, plan.Disks[1].Size)
	}
	if plan.Networks[0].MACAddr.ValueString() != "BC:24:11:AA:BB:01" || plan.CloudInit.SSHKeys.ValueString() != sampleKey {
		t.Errorf("macaddr %v, ssh_keys %q", plan.Networks[0].MACAddr, plan.CloudInit.SSHKeys.ValueString())
	}
}

// TestVMPasswordVersion: the cloud-init password is sent again only when
// password_version changes (an import's null counts as a change).
func TestVMPasswordVersion(t *testing.T) {
	state, plan := sampleVM(), sampleVM()
	for _, tc := range []struct {
		old, new types.Int64
		want     bool
	}{
		{types.Int64Value(1), types.Int64Value(1), false},
		{types.Int64Null(), types.Int64Null(), false},
		{types.Int64Value(1), types.Int64Value(2), true},
		{types.Int64Null(), types.Int64Value(1), true},
		{types.Int64Value(1), types.Int64Null(), true},
	} {
		state.CloudInit.PasswordVersion, plan.CloudInit.PasswordVersion = tc.old, tc.new
		if got := plan.passwordVersionChanged(&state); got != tc.want {
			t.Errorf("%v -> %v: changed = %v, want %v", tc.old, tc.new, got, tc.want)
		}
	}
	plan.CloudInit.Password = types.StringNull()
	if _, ok := plan.toAPI(context.Background())["cipassword"]; ok {
		t.Error("a model without a password to send has cipassword")
	}
	plan.sendPassword(types.StringValue("n3w-pw"))
	if got := plan.toAPI(context.Background())["cipassword"]; got != "n3w-pw" {
		t.Errorf("cipassword = %q after sendPassword", got)
	}
}

// TestConfigChanges: only changed keys are sent; removed keys are deleted,
// sorted.
func TestConfigChanges(t *testing.T) {
	params, del := configChanges(
		map[string]string{"memory": "2048", "cores": "2", "tags": "a", "description": "x"},
		map[string]string{"memory": "4096", "cores": "2", "onboot": "1"})
	setDelete(params, del)
	want := map[string]any{"memory": "4096", "onboot": "1", "delete": "description,tags"}
	if !maps.Equal(params, want) {
		t.Errorf("params = %v, want %v", params, want)
	}
}
