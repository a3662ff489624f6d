package proxmox

import (
	"context"
	"encoding/json"
	"math/big"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// State versions: every resource schema declares Version 0 and implements
// no state upgrader yet, and a state written by version 0 (the fixtures
// below, as a state file holds a resource's attributes) reads back into the
// model and is written out unchanged.
//
// The first rename or type change of an attribute makes this test fail
// (the fixture no longer decodes, or no longer reads back the same). Then:
// bump the schema's Version to 1, implement resource.ResourceWithUpgradeState
// with an upgrader from 0 (the fixture's schema as PriorSchema), add the
// upgraded version-1 fixture next to the version-0 one, and change the
// checks below to expect upgraders {0} and to run the upgrader on the
// version-0 fixture.

var stateV0 = map[string]struct {
	new   func() resource.Resource
	model func() any
	state string
}{
	"homelab_proxmox_lxc": {newLXCResource, func() any { return &lxcModel{} }, `{
		"id": "pve-s1/1005", "node": "pve-s1", "vmid": 1005, "hostname": "ct01005",
		"ostemplate": "local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst", "unprivileged": true,
		"cores": 2, "cpulimit": 1.5, "memory": 2048, "swap": 512,
		"rootfs": {"storage": "local-lvm", "size": "8G", "volume": "local-lvm:vm-1005-disk-0"},
		"mount_point": [{"storage": "local-lvm", "size": "8G", "volume": "local-lvm:vm-1005-disk-1", "path": "/var/lib/vault", "read_only": false, "backup": true}],
		"network": [{"name": "eth0", "bridge": "vmbr0", "tag": 10, "ip": "10.10.10.5/24", "gw": "10.10.10.1", "ip6": null, "gw6": null,
			"firewall": true, "mtu": null, "hwaddr": "BC:24:11:00:00:01"}],
		"nameserver": "10.10.10.1", "searchdomain": null,
		"features": {"nesting": true, "keyctl": false, "fuse": false, "mount": ["nfs"]},
		"ssh_public_keys": null, "password": "hunter22", "onboot": true, "startup": "order=2",
		"started": true, "tags": ["vault"], "description": "Vault", "pool": "infra"
	}`},
	"homelab_proxmox_vm": {newVMResource, func() any { return &vmModel{} }, `{
		"id": "pve-s1/2001", "node": "pve-s1", "vmid": 2001, "name": "haproxy-1",
		"clone": {"source_vmid": 9000, "full": true, "storage": null},
		"cores": 2, "sockets": 1, "memory": 2048, "cpu_type": null,
		"disk": [{"slot": "scsi0", "storage": "local-lvm", "size": "16G", "volume": "local-lvm:vm-2001-disk-0"}],
		"network": [{"model": "virtio", "bridge": "vmbr0", "tag": 20, "firewall": true, "macaddr": "BC:24:11:AA:BB:01"}],
		"cloud_init": {"storage": "local-lvm", "user": "ubuntu", "password": null, "ssh_keys": "ssh-ed25519 AAAA admin@x",
			"ip_config": [{"ip": "10.10.20.11/24", "gw": "10.10.20.1", "ip6": null, "gw6": null}], "nameserver": "10.10.20.1", "searchdomain": null},
		"agent": true, "boot": "order=scsi0;net0", "onboot": false, "started": true,
		"tags": ["dmz", "haproxy"], "description": "HAProxy", "pool": null
	}`},
	"homelab_proxmox_lxc_template": {newLXCTemplateResource, func() any { return &lxcTemplateModel{} }, `{
		"id": "pve-s2/local:vztmpl/gitlab-runner-24.04.tar.zst", "node": "pve-s2", "storage": "local", "template": null,
		"url": "https://images.rachuna-net.pl/lxc/gitlab-runner-24.04.tar.zst", "file_name": "gitlab-runner-24.04.tar.zst",
		"checksum": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "checksum_algorithm": null,
		"volid": "local:vztmpl/gitlab-runner-24.04.tar.zst", "size": 52428800
	}`},
}

func TestStateVersion0(t *testing.T) {
	ctx := context.Background()
	if len(stateV0) != len(Resources()) {
		t.Errorf("%d version-0 fixtures for %d resources: add one for each new resource", len(stateV0), len(Resources()))
	}
	for _, newRes := range Resources() {
		r := newRes()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "homelab"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			tc, ok := stateV0[meta.TypeName]
			if !ok {
				t.Fatalf("no version-0 state fixture for %s", meta.TypeName)
			}
			var sch resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sch)
			if sch.Schema.Version != 0 {
				t.Fatalf("schema version %d: add its upgrader and fixture (see the comment above)", sch.Schema.Version)
			}
			if u, ok := r.(resource.ResourceWithUpgradeState); ok {
				t.Fatalf("upgraders from versions %v exist while the schema is at version 0", keys(u.UpgradeState(ctx)))
			}
			raw, err := tftypes.ValueFromJSON([]byte(tc.state), sch.Schema.Type().TerraformType(ctx))
			if err != nil {
				t.Fatalf("a version-0 state no longer decodes (an attribute was renamed or removed?): %v", err)
			}
			in := tfsdk.State{Schema: sch.Schema, Raw: raw}
			m := tc.model()
			if diags := in.Get(ctx, m); diags.HasError() {
				t.Fatalf("reading a version-0 state into the model: %v", diags)
			}
			out := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}
			if diags := out.Set(ctx, m); diags.HasError() {
				t.Fatalf("writing the model back: %v", diags)
			}
			var want any
			if err := json.Unmarshal([]byte(tc.state), &want); err != nil {
				t.Fatal(err)
			}
			if got := jsonOf(t, out.Raw); !reflect.DeepEqual(got, want) {
				t.Errorf("a version-0 state reads back changed:\n got %v\nwant %v", got, want)
			}
		})
	}
}

func keys[K comparable, V any](m map[K]V) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}

// jsonOf is v as encoding/json decodes the state file's JSON of it.
func jsonOf(t *testing.T, v tftypes.Value) any {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	typ := v.Type()
	switch {
	case typ.Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case typ.Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case typ.Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		x, _ := f.Float64()
		return x
	case typ.Is(tftypes.Object{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		out := map[string]any{}
		for k, e := range m {
			out[k] = jsonOf(t, e)
		}
		return out
	default: // list, set
		var l []tftypes.Value
		if err := v.As(&l); err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = jsonOf(t, e)
		}
		return out
	}
}
