package proxmox

import (
	"context"
	"maps"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func strSet(v ...string) types.Set {
	el := make([]attr.Value, len(v))
	for i, s := range v {
		el[i] = types.StringValue(s)
	}
	return types.SetValueMust(types.StringType, el)
}

// sampleLXC is a container as a configuration plans it.
func sampleLXC() lxcModel {
	return lxcModel{
		Node: types.StringValue("pve-s1"), VMID: types.Int64Value(1005),
		Hostname: types.StringValue("ct01005"), OSTemplate: types.StringValue("local:vztmpl/ubuntu.tar.zst"),
		Unprivileged: types.BoolValue(true), Cores: types.Int64Value(2), CPULimit: types.Float64Value(1.5),
		Memory: types.Int64Value(2048), Swap: types.Int64Value(512),
		RootFS: &lxcRootFS{Storage: types.StringValue("local-lvm"), Size: sizeOf("8192M"), Volume: types.StringUnknown()},
		MountPoints: []lxcMount{
			{Storage: types.StringValue("local-lvm"), Size: sizeOf("8G"), Volume: types.StringUnknown(), Path: types.StringValue("/var/lib/vault"),
				ReadOnly: types.BoolValue(false), Backup: types.BoolValue(true)},
			{Storage: types.StringNull(), Size: sizeNull(), Volume: types.StringValue("/mnt/nas"), Path: types.StringValue("/nas"),
				ReadOnly: types.BoolValue(true), Backup: types.BoolValue(false)},
		},
		Networks: []lxcNet{{
			Name: types.StringValue("eth0"), Bridge: types.StringValue("vmbr0"), Tag: types.Int64Value(10),
			IP: types.StringValue("10.10.10.5/24"), Gateway: types.StringValue("10.10.10.1"), IP6: types.StringNull(), Gateway6: types.StringNull(),
			Firewall: types.BoolValue(true), MTU: types.Int64Value(1450), HWAddr: types.StringValue("bc:24:11:00:00:01"),
		}},
		Nameserver: types.StringValue("10.0.0.1 10.0.0.2"), Searchdomain: types.StringValue("lab.local"),
		Features:      &lxcFeatures{Nesting: types.BoolValue(true), Keyctl: types.BoolValue(false), Fuse: types.BoolValue(true), Mount: strSet("nfs", "cifs")},
		SSHPublicKeys: types.StringNull(), Password: types.StringValue("hunter22"),
		OnBoot: types.BoolValue(true), Startup: types.StringValue("order=2,up=30"), Started: types.BoolValue(true),
		Tags: strSet("vault", "consul"), Description: types.StringValue("vault"), Pool: types.StringValue("infra"),
	}
}

// TestLXCModelToAPI: every managed attribute becomes the config key PVE
// stores, property strings in PVE's spelling (MAC upper case, sorted
// keys, mount point sizes as GiB allocations).
func TestLXCModelToAPI(t *testing.T) {
	m := sampleLXC()
	got := m.toAPI(context.Background())
	want := map[string]string{
		"hostname": "ct01005", "cores": "2", "cpulimit": "1.5", "memory": "2048", "swap": "512",
		"nameserver": "10.0.0.1 10.0.0.2", "searchdomain": "lab.local", "onboot": "1", "startup": "order=2,up=30",
		"description": "vault", "tags": "consul;vault",
		"features": "fuse=1,mount=cifs;nfs,nesting=1",
		"net0":     "name=eth0,bridge=vmbr0,firewall=1,gw=10.10.10.1,hwaddr=BC:24:11:00:00:01,ip=10.10.10.5/24,mtu=1450,tag=10,type=veth",
		"mp0":      "local-lvm:8,mp=/var/lib/vault,backup=1",
		"mp1":      "/mnt/nas,mp=/nas,ro=1",
	}
	if !maps.Equal(got, want) {
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
	}

	p := m.createParams(context.Background())
	for k, v := range map[string]string{
		"ostemplate": "local:vztmpl/ubuntu.tar.zst", "rootfs": "local-lvm:8", "unprivileged": "1",
		"password": "hunter22", "pool": "infra", "memory": "2048",
	} {
		if p[k] != v {
			t.Errorf("create %s = %v, want %q", k, p[k], v)
		}
	}
	if _, ok := p["ssh-public-keys"]; ok {
		t.Errorf("create sends ssh-public-keys that are not set")
	}

	// Null and unknown values send nothing; features without any flag too.
	empty := lxcModel{Memory: types.Int64Unknown(), Cores: types.Int64Null(), Tags: types.SetNull(types.StringType),
		Features: &lxcFeatures{Nesting: types.BoolValue(false), Keyctl: types.BoolValue(false), Fuse: types.BoolValue(false), Mount: types.SetNull(types.StringType)}}
	if got := empty.toAPI(context.Background()); len(got) != 0 {
		t.Errorf("toAPI of an empty model = %v, want nothing", got)
	}
}

// pveLXCConfig is GET /nodes/pve-s1/lxc/1005/config of sampleLXC as PVE
// answers it: numbers as JSON numbers, defaults and sizes filled in, the
// description with a newline.
func pveLXCConfig() map[string]any {
	return map[string]any{
		"hostname": "ct01005", "cores": float64(2), "cpulimit": "1.5", "memory": float64(2048), "swap": float64(512),
		"unprivileged": float64(1), "onboot": float64(1), "startup": "order=2,up=30",
		"nameserver": "10.0.0.1 10.0.0.2", "searchdomain": "lab.local", "description": "vault\n", "tags": "consul;vault",
		"features": "fuse=1,mount=cifs;nfs,nesting=1",
		"rootfs":   "local-lvm:vm-1005-disk-0,size=8G",
		"net0":     "name=eth0,bridge=vmbr0,firewall=1,gw=10.10.10.1,hwaddr=BC:24:11:00:00:01,ip=10.10.10.5/24,mtu=1450,tag=10,type=veth",
		"mp0":      "local-lvm:vm-1005-disk-1,mp=/var/lib/vault,backup=1,size=8G",
		"mp1":      "/mnt/nas,mp=/nas,ro=1",
		"arch":     "amd64", "ostype": "ubuntu", "digest": "0123abcd",
	}
}

// TestLXCModelFromAPI: PVE's config read back, on refresh (with the prior
// state) and on import (no prior), both in PVE's spelling; after a write,
// keepSpelling restores the planned spelling where PVE only respelled it.
func TestLXCModelFromAPI(t *testing.T) {
	ctx := context.Background()
	prior := sampleLXC()
	var m lxcModel
	if diags := m.fromAPI(ctx, pveLXCConfig(), &prior); diags.HasError() {
		t.Fatal(diags)
	}
	eq := func(what string, got, want attr.Value) {
		t.Helper()
		if !got.Equal(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	eq("hostname", m.Hostname, types.StringValue("ct01005"))
	eq("cores", m.Cores, types.Int64Value(2))
	eq("cpulimit", m.CPULimit, types.Float64Value(1.5))
	eq("memory", m.Memory, types.Int64Value(2048))
	eq("swap", m.Swap, types.Int64Value(512))
	eq("unprivileged", m.Unprivileged, types.BoolValue(true))
	eq("onboot", m.OnBoot, types.BoolValue(true))
	eq("description", m.Description, types.StringValue("vault"))
	eq("tags", m.Tags, strSet("consul", "vault"))
	eq("features.nesting", m.Features.Nesting, types.BoolValue(true))
	eq("features.keyctl", m.Features.Keyctl, types.BoolValue(false))
	eq("features.fuse", m.Features.Fuse, types.BoolValue(true))
	eq("features.mount", m.Features.Mount, strSet("cifs", "nfs"))
	eq("rootfs.size (PVE's spelling of 8192M)", m.RootFS.Size, sizeOf("8G"))
	eq("rootfs.storage", m.RootFS.Storage, types.StringValue("local-lvm"))
	eq("rootfs.volume", m.RootFS.Volume, types.StringValue("local-lvm:vm-1005-disk-0"))
	if len(m.Networks) != 1 || len(m.MountPoints) != 2 {
		t.Fatalf("%d networks, %d mount points", len(m.Networks), len(m.MountPoints))
	}
	n := m.Networks[0]
	eq("net0.hwaddr (PVE's case)", n.HWAddr, types.StringValue("BC:24:11:00:00:01"))
	eq("net0.tag", n.Tag, types.Int64Value(10))
	eq("net0.mtu", n.MTU, types.Int64Value(1450))
	eq("net0.ip6", n.IP6, types.StringNull())
	eq("net0.firewall", n.Firewall, types.BoolValue(true))
	eq("mp0.volume", m.MountPoints[0].Volume, types.StringValue("local-lvm:vm-1005-disk-1"))
	eq("mp0.size", m.MountPoints[0].Size, sizeOf("8G"))
	eq("mp0.backup", m.MountPoints[0].Backup, types.BoolValue(true))
	eq("mp1.volume", m.MountPoints[1].Volume, types.StringValue("/mnt/nas"))
	eq("mp1.storage (bind mount)", m.MountPoints[1].Storage, types.StringNull())
	eq("mp1.size (bind mount)", m.MountPoints[1].Size, sizeNull())
	eq("mp1.read_only", m.MountPoints[1].ReadOnly, types.BoolValue(true))

	// Import: no prior state.
	var imp lxcModel
	cfg := pveLXCConfig()
	delete(cfg, "memory") // PVE omits defaults
	delete(cfg, "features")
	if diags := imp.fromAPI(ctx, cfg, nil); diags.HasError() {
		t.Fatal(diags)
	}
	eq("imported memory (PVE default)", imp.Memory, types.Int64Value(512))
	eq("imported rootfs.size", imp.RootFS.Size, sizeOf("8G"))
	eq("imported hwaddr", imp.Networks[0].HWAddr, types.StringValue("BC:24:11:00:00:01"))
	eq("imported description", imp.Description, types.StringValue("vault"))
	if imp.Features != nil {
		t.Errorf("features = %+v, want none", imp.Features)
	}
	// A description that ends in a newline in the configuration reads
	// without it; after a write it keeps the planned newline.
	withNL := sampleLXC()
	withNL.Description = types.StringValue("vault\n")
	var nl lxcModel
	nl.fromAPI(ctx, pveLXCConfig(), &withNL)
	eq("description with newline, refreshed", nl.Description, types.StringValue("vault"))
	nl.keepSpelling(&withNL)
	eq("description with newline, written", nl.Description, types.StringValue("vault\n"))

	// After a write: the planned spelling where PVE only respelled it.
	m.keepSpelling(&prior)
	eq("written rootfs.size", m.RootFS.Size, sizeOf("8192M"))
	eq("written hwaddr", m.Networks[0].HWAddr, types.StringValue("bc:24:11:00:00:01"))
}

// TestLXCKeepSpelling: only values that mean the same take the other
// spelling; a real change (a grown disk, another MAC) stays, and null or
// unknown values are left alone.
func TestLXCKeepSpelling(t *testing.T) {
	state := sampleLXC()
	state.RootFS.Size = sizeOf("8G")
	state.MountPoints[0].Size = sizeOf("8G")
	state.Networks[0].HWAddr = types.StringValue("BC:24:11:00:00:01")
	state.Description = types.StringValue("vault")

	plan := sampleLXC() // 8192M, lower-case MAC
	plan.MountPoints[0].Size = sizeOf("16G")
	plan.Description = types.StringValue("vault\n")
	plan.keepSpelling(&state)
	for what, ok := range map[string]bool{
		"rootfs.size takes the state's 8G":    plan.RootFS.Size.Equal(sizeOf("8G")),
		"a grown mount point stays 16G":       plan.MountPoints[0].Size.Equal(sizeOf("16G")),
		"a bind mount's null size stays null": plan.MountPoints[1].Size.IsNull(),
		"hwaddr takes the state's upper case": plan.Networks[0].HWAddr.Equal(types.StringValue("BC:24:11:00:00:01")),
		"description takes the state's":       plan.Description.Equal(types.StringValue("vault")),
	} {
		if !ok {
			t.Errorf("%s: plan %+v", what, plan)
		}
	}

	other := sampleLXC()
	other.Networks[0].HWAddr = types.StringUnknown()
	other.Description = types.StringValue("consul")
	other.keepSpelling(&state)
	if !other.Networks[0].HWAddr.IsUnknown() || other.Description.ValueString() != "consul" {
		t.Errorf("keepSpelling changed an unknown MAC or another description: %v, %v", other.Networks[0].HWAddr, other.Description)
	}
}

// TestLXCModelRoundTrip: a planned model sent to PVE (toAPI) and read back
// (fromAPI) sends the same config again: no perpetual diff.
func TestLXCModelRoundTrip(t *testing.T) {
	ctx := context.Background()
	plan := sampleLXC()
	sent := plan.toAPI(ctx)
	cfg := map[string]any{"rootfs": "local-lvm:vm-1005-disk-0,size=8G", "unprivileged": float64(1)}
	for k, v := range sent {
		cfg[k] = v
	}
	got := plan
	if diags := got.fromAPI(ctx, cfg, &plan); diags.HasError() {
		t.Fatal(diags)
	}
	got.keepSpelling(&plan) // as after a write
	if again := got.toAPI(ctx); !maps.Equal(again, sent) {
		t.Errorf("after a read back, toAPI = %v\nwant %v", again, sent)
	}
	for name, eq := range map[string]bool{
		"hostname": got.Hostname.Equal(plan.Hostname), "memory": got.Memory.Equal(plan.Memory), "cpulimit": got.CPULimit.Equal(plan.CPULimit),
		"tags": got.Tags.Equal(plan.Tags), "description": got.Description.Equal(plan.Description),
		"rootfs.size": got.RootFS.Size.Equal(plan.RootFS.Size), "mp0.size": got.MountPoints[0].Size.Equal(plan.MountPoints[0].Size),
		"hwaddr": got.Networks[0].HWAddr.Equal(plan.Networks[0].HWAddr), "features.mount": got.Features.Mount.Equal(plan.Features.Mount),
	} {
		if !eq {
			t.Errorf("%s changed on the round trip", name)
		}
	}
}
