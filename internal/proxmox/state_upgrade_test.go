package proxmox

import (
	"context"
	"encoding/json"
	"math/big"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// State versions: every resource schema declares its Version and an
// upgrader from each older version, and a state written by the current
// version (the fixtures below, as a state file holds a resource's
// attributes) reads back into the model and is written out unchanged; a
// state of each older version, upgraded through the provider protocol as
// OpenTofu calls it, becomes the current fixture.
//
// The next rename or type change of an attribute makes this test fail (the
// current fixture no longer decodes, or no longer reads back the same).
// Then: bump the schema's Version, add an upgrader from the previous
// version (state_upgrade.go), keep the old fixture under its version and
// add the new one as current.
//
// The guests are at version 1: the values PVE never returns became
// write-only, so their version-0 states lose them on the upgrade (OpenTofu
// refuses a state holding a write-only value).

type stateFixture struct {
	new   func() resource.Resource
	model func() any
	// current is the state of the schema's Version; older the states of
	// earlier versions, by version.
	version int64
	current string
	older   map[int64]string
}

var stateFixtures = map[string]stateFixture{
	"homelab_proxmox_lxc": {newLXCResource, func() any { return &lxcModel{} }, 1, lxcStateV1, map[int64]string{0: lxcStateV0}},
	"homelab_proxmox_vm":  {newVMResource, func() any { return &vmModel{} }, 1, vmStateV1, map[int64]string{0: vmStateV0}},
	"homelab_proxmox_lxc_template": {newLXCTemplateResource, func() any { return &lxcTemplateModel{} }, 0, `{
		"id": "pve-s2/local:vztmpl/gitlab-runner-24.04.tar.zst", "node": "pve-s2", "storage": "local", "template": null,
		"url": "https://images.rachuna-net.pl/lxc/gitlab-runner-24.04.tar.zst", "file_name": "gitlab-runner-24.04.tar.zst",
		"checksum": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "checksum_algorithm": null,
		"volid": "local:vztmpl/gitlab-runner-24.04.tar.zst", "size": 52428800
	}`, nil},
	"homelab_proxmox_storage": {newStorageResource, func() any { return &storageCfgModel{} }, 0, `{
		"id": "nas", "storage": "nas", "type": "nfs", "content": ["backup", "iso"], "nodes": ["pve-s1", "pve-s2"],
		"shared": true, "disable": false,
		"prune_backups": {"keep_all": null, "keep_last": 3, "keep_hourly": null, "keep_daily": 7, "keep_weekly": 4, "keep_monthly": null, "keep_yearly": null},
		"path": "/mnt/pve/nas", "server": "10.10.10.20", "export": "/volume1/pve", "options": "vers=4.2", "share": null, "subdir": null,
		"username": null, "password": null, "password_version": null, "domain": null, "smbversion": null, "datastore": null,
		"fingerprint": null, "namespace": null, "vgname": null, "thinpool": null
	}`, nil},
	"homelab_proxmox_pool": {newPoolResource, func() any { return &poolModel{} }, 0, `{"id": "infra", "pool_id": "infra", "comment": "core services"}`, nil},
	"homelab_proxmox_ha_resource": {newHAResourceResource, func() any { return &haResourceModel{} }, 0, `{
		"id": "ct:1005", "sid": "ct:1005", "state": "started", "max_restart": 3, "max_relocate": 1, "failback": true, "comment": "vault 1"
	}`, nil},
	"homelab_proxmox_ha_rule": {newHARuleResource, func() any { return &haRuleModel{} }, 0, `{
		"id": "vault-1-on-s1", "rule": "vault-1-on-s1", "type": "node-affinity", "resources": ["ct:1005"],
		"nodes": {"pve-s1": 2, "pve-s2": 1}, "strict": true, "affinity": null, "disable": false, "comment": null
	}`, nil},
	"homelab_proxmox_node_network": {newNodeNetworkResource, func() any { return &nodeNetworkModel{} }, 0, `{
		"id": "pve-s1/vmbr1", "node": "pve-s1", "iface": "vmbr1", "type": "bridge", "cidr": null, "gateway": null, "mtu": 9000,
		"comments": "trunk to the MikroTik", "autostart": true, "bridge_ports": ["bond0"], "bridge_vlan_aware": true,
		"bridge_vids": ["10", "20"], "slaves": null, "bond_mode": null, "bond_xmit_hash_policy": null, "bond_primary": null,
		"vlan_id": null, "vlan_raw_device": null
	}`, nil},
	"homelab_proxmox_backup_job": {newBackupJobResource, func() any { return &backupJobModel{} }, 0, `{
		"id": "nightly", "job_id": "nightly", "schedule": "sat 02:00", "enabled": true, "storage": "nas", "node": null,
		"mode": "snapshot", "compress": "zstd", "vmids": null, "pool": null, "all": true, "exclude": [1005, 1007],
		"prune_backups": {"keep_all": null, "keep_last": 3, "keep_hourly": null, "keep_daily": 7, "keep_weekly": null, "keep_monthly": null, "keep_yearly": null},
		"notes_template": "{{guestname}}", "mailto": ["admin@lab.example"], "mailnotification": "failure", "comment": "nightly backups"
	}`, nil},
	"homelab_proxmox_node_certificate": {newNodeCertificateResource, func() any { return &nodeCertificateModel{} }, 0, `{
		"id": "pve-s1", "node": "pve-s1", "certificate_pem": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
		"chain_pem": null, "private_key_pem": null, "force": false, "restart": true,
		"fingerprint": "AB:CD", "subject": "/CN=pve-s1.rachuna-net.pl", "issuer": "/CN=rachuna-net Intermediate CA",
		"not_after": "2027-03-01T00:00:00Z", "subject_alternative_names": ["pve-s1.rachuna-net.pl", "10.10.10.11"]
	}`, nil},
}

const (
	lxcStateV0 = `{
		"id": "pve-s1/1005", "node": "pve-s1", "vmid": 1005, "hostname": "ct01005",
		"ostemplate": "local:vztmpl/ubuntu-24.04-standard_24.04-2_amd64.tar.zst", "unprivileged": true,
		"cores": 2, "cpulimit": 1.5, "memory": 2048, "swap": 512,
		"rootfs": {"storage": "local-lvm", "size": "8G", "volume": "local-lvm:vm-1005-disk-0"},
		"mount_point": [{"storage": "local-lvm", "size": "8G", "volume": "local-lvm:vm-1005-disk-1", "path": "/var/lib/vault", "read_only": false, "backup": true}],
		"network": [{"name": "eth0", "bridge": "vmbr0", "tag": 10, "ip": "10.10.10.5/24", "gw": "10.10.10.1", "ip6": null, "gw6": null,
			"firewall": true, "mtu": null, "hwaddr": "BC:24:11:00:00:01"}],
		"nameserver": "10.10.10.1", "searchdomain": null,
		"features": {"nesting": true, "keyctl": false, "fuse": false, "mount": ["nfs"]},
		"ssh_public_keys": "ssh-ed25519 AAAA admin@x", "password": "hunter22", "onboot": true, "startup": "order=2",
		"started": true, "tags": ["vault"], "description": "Vault", "pool": "infra"
	}`
	// lxcStateV1 is lxcStateV0 upgraded: the write-only values dropped.
	lxcStateV1 = `{
		"id": "pve-s1/1005", "node": "pve-s1", "vmid": 1005, "hostname": "ct01005",
		"ostemplate": null, "unprivileged": true,
		"cores": 2, "cpulimit": 1.5, "memory": 2048, "swap": 512,
		"rootfs": {"storage": "local-lvm", "size": "8G", "volume": "local-lvm:vm-1005-disk-0"},
		"mount_point": [{"storage": "local-lvm", "size": "8G", "volume": "local-lvm:vm-1005-disk-1", "path": "/var/lib/vault", "read_only": false, "backup": true}],
		"network": [{"name": "eth0", "bridge": "vmbr0", "tag": 10, "ip": "10.10.10.5/24", "gw": "10.10.10.1", "ip6": null, "gw6": null,
			"firewall": true, "mtu": null, "hwaddr": "BC:24:11:00:00:01"}],
		"nameserver": "10.10.10.1", "searchdomain": null,
		"features": {"nesting": true, "keyctl": false, "fuse": false, "mount": ["nfs"]},
		"ssh_public_keys": null, "password": null, "onboot": true, "startup": "order=2",
		"started": true, "tags": ["vault"], "description": "Vault", "pool": "infra"
	}`
	vmStateV0 = `{
		"id": "pve-s1/2001", "node": "pve-s1", "vmid": 2001, "name": "haproxy-1",
		"clone": {"source_vmid": 9000, "full": true, "storage": null},
		"cores": 2, "sockets": 1, "memory": 2048, "cpu_type": null,
		"disk": [{"slot": "scsi0", "storage": "local-lvm", "size": "16G", "volume": "local-lvm:vm-2001-disk-0"}],
		"network": [{"model": "virtio", "bridge": "vmbr0", "tag": 20, "firewall": true, "macaddr": "BC:24:11:AA:BB:01"}],
		"cloud_init": {"storage": "local-lvm", "user": "ubuntu", "password": "ci-pw", "ssh_keys": "ssh-ed25519 AAAA admin@x",
			"ip_config": [{"ip": "10.10.20.11/24", "gw": "10.10.20.1", "ip6": null, "gw6": null}], "nameserver": "10.10.20.1", "searchdomain": null},
		"agent": true, "boot": "order=scsi0;net0", "onboot": false, "started": true,
		"tags": ["dmz", "haproxy"], "description": "HAProxy", "pool": null
	}`
	// vmStateV1 is vmStateV0 upgraded: the write-only values dropped, the
	// new password_version null.
	vmStateV1 = `{
		"id": "pve-s1/2001", "node": "pve-s1", "vmid": 2001, "name": "haproxy-1",
		"clone": null,
		"cores": 2, "sockets": 1, "memory": 2048, "cpu_type": null,
		"disk": [{"slot": "scsi0", "storage": "local-lvm", "size": "16G", "volume": "local-lvm:vm-2001-disk-0"}],
		"network": [{"model": "virtio", "bridge": "vmbr0", "tag": 20, "firewall": true, "macaddr": "BC:24:11:AA:BB:01"}],
		"cloud_init": {"storage": "local-lvm", "user": "ubuntu", "password": null, "password_version": null, "ssh_keys": "ssh-ed25519 AAAA admin@x",
			"ip_config": [{"ip": "10.10.20.11/24", "gw": "10.10.20.1", "ip6": null, "gw6": null}], "nameserver": "10.10.20.1", "searchdomain": null},
		"agent": true, "boot": "order=scsi0;net0", "onboot": false, "started": true,
		"tags": ["dmz", "haproxy"], "description": "HAProxy", "pool": null
	}`
)

func TestStateVersions(t *testing.T) {
	ctx := context.Background()
	if len(stateFixtures) != len(Resources()) {
		t.Errorf("%d state fixtures for %d resources: add one for each new resource", len(stateFixtures), len(Resources()))
	}
	server := providerserver.NewProtocol6(upgradeTestProvider{})()
	for _, newRes := range Resources() {
		r := newRes()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "homelab"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			tc, ok := stateFixtures[meta.TypeName]
			if !ok {
				t.Fatalf("no state fixture for %s", meta.TypeName)
			}
			var sch resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sch)
			if sch.Schema.Version != tc.version {
				t.Fatalf("schema version %d, the fixture is of version %d: add its upgrader and fixture (see the comment above)", sch.Schema.Version, tc.version)
			}
			var upgraders []int64
			if u, ok := r.(resource.ResourceWithUpgradeState); ok {
				upgraders = keys(u.UpgradeState(ctx))
			}
			slices.Sort(upgraders)
			var want []int64
			for v := range tc.version {
				want = append(want, v)
			}
			if !slices.Equal(upgraders, want) {
				t.Fatalf("upgraders from versions %v, want one from each older version %v", upgraders, want)
			}
			typ := sch.Schema.Type().TerraformType(ctx)

			raw, err := tftypes.ValueFromJSON([]byte(tc.current), typ)
			if err != nil {
				t.Fatalf("a version-%d state no longer decodes (an attribute was renamed or removed?): %v", tc.version, err)
			}
			in := tfsdk.State{Schema: sch.Schema, Raw: raw}
			m := tc.model()
			if diags := in.Get(ctx, m); diags.HasError() {
				t.Fatalf("reading a version-%d state into the model: %v", tc.version, diags)
			}
			out := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}
			if diags := out.Set(ctx, m); diags.HasError() {
				t.Fatalf("writing the model back: %v", diags)
			}
			if got, want := withoutAddedNulls(jsonOf(t, out.Raw), jsonValue(t, tc.current)), jsonValue(t, tc.current); !reflect.DeepEqual(got, want) {
				t.Errorf("a version-%d state reads back changed:\n got %v\nwant %v", tc.version, got, want)
			}

			for v, old := range tc.older {
				resp, err := server.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
					TypeName: meta.TypeName, Version: v, RawState: &tfprotov6.RawState{JSON: []byte(old)},
				})
				if err != nil || diagsHaveError(resp.Diagnostics) {
					t.Fatalf("upgrading a version-%d state: %v %v", v, err, resp.Diagnostics)
				}
				up, err := resp.UpgradedState.Unmarshal(typ)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := withoutAddedNulls(jsonOf(t, up), jsonValue(t, tc.current)), jsonValue(t, tc.current); !reflect.DeepEqual(got, want) {
					t.Errorf("a version-%d state upgrades to\n got %v\nwant %v", v, got, want)
				}
			}
		})
	}
}

// withoutAddedNulls drops from got the top-level attributes that are null
// and absent from the fixture: an attribute added to the schema at the same
// version (e.g. `timeouts`) reads as null from a state written before it.
func withoutAddedNulls(got, fixture any) any {
	g, ok1 := got.(map[string]any)
	f, ok2 := fixture.(map[string]any)
	if !ok1 || !ok2 {
		return got
	}
	out := map[string]any{}
	for k, v := range g {
		if _, inFixture := f[k]; v != nil || inFixture {
			out[k] = v
		}
	}
	return out
}

func jsonValue(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func diagsHaveError(d []*tfprotov6.Diagnostic) bool {
	for _, x := range d {
		if x.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// upgradeTestProvider serves this package's resources over the provider
// protocol, so that the upgrade runs the way OpenTofu calls it (the
// framework then drops write-only values).
type upgradeTestProvider struct{}

func (upgradeTestProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "homelab"
}
func (upgradeTestProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {
}
func (upgradeTestProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (upgradeTestProvider) Resources(context.Context) []func() resource.Resource { return Resources() }
func (upgradeTestProvider) DataSources(context.Context) []func() datasource.DataSource {
	return nil
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
	case typ.Is(tftypes.Object{}), typ.Is(tftypes.Map{}):
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
