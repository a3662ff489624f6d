package proxmox

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	pveemu "github.com/homelab-iac/terraform-provider-homelab/internal/emulator/proxmox"
	"github.com/homelab-iac/terraform-provider-homelab/internal/providerdata"
)

func lxcCreateParams(id int) map[string]any {
	return map[string]any{"vmid": id, "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst",
		"rootfs": "local-lvm:1", "hostname": "web01"}
}

// TestCreateGuestOutcomes: a create PVE accepted is reported as such also
// when the wait for its task is cut short (timeout, cancelled context), so
// that Create records it; a refused create or a failed create task is not.
func TestCreateGuestOutcomes(t *testing.T) {
	s := startEmu(t, func(c *pveemu.Config) { c.TaskDuration = 2 * time.Second })
	c, err := NewClient(context.Background(), &providerdata.ProxmoxSettings{
		Endpoint: s.URL(), APIToken: testTokenID + "=" + testSecret, CACertificate: string(s.CACertPEM()), Timeout: 200 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	post := func(ctx context.Context) func(id int) (any, error) {
		return func(id int) (any, error) { return c.Post(ctx, "/nodes/pve-s1/lxc", lxcCreateParams(id)) }
	}

	// The task outlives the provider's timeout: accepted, with the error.
	id, accepted, err := createGuest(ctx, c, "lxc", types.Int64Null(), post(ctx))
	if err == nil || !accepted || id != 100 || !strings.Contains(err.Error(), "still running") {
		t.Fatalf("timed-out create: id %d accepted %v err %v", id, accepted, err)
	}

	// Interrupted (SIGINT cancels the context) while waiting: accepted.
	cctx, cancel := context.WithCancel(ctx)
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	id, accepted, err = createGuest(cctx, c, "lxc", types.Int64Value(200), post(cctx))
	if err == nil || !accepted || id != 200 {
		t.Fatalf("cancelled create: id %d accepted %v err %v", id, accepted, err)
	}

	// Refused before any task: not accepted.
	_, accepted, err = createGuest(ctx, c, "lxc", types.Int64Value(300), func(id int) (any, error) {
		p := lxcCreateParams(id)
		p["ostemplate"] = "local:vztmpl/nope.tar.zst"
		return c.Post(ctx, "/nodes/pve-s1/lxc", p)
	})
	if err == nil || accepted {
		t.Fatalf("refused create: accepted %v err %v", accepted, err)
	}

	// A qemu create task failing on a taken id (another guest's): not
	// accepted, the other guest is not ours.
	s.SetTaskDuration(0)
	_, accepted, err = createGuest(ctx, c, "qemu", types.Int64Value(100), func(id int) (any, error) {
		return c.Post(ctx, "/nodes/pve-s1/qemu", map[string]any{"vmid": id, "name": "vm100"})
	})
	if err == nil || accepted || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("colliding qemu create: accepted %v err %v", accepted, err)
	}
}

// TestCheckNotCreatedYet: a guest of the same kind with the planned name,
// or any guest with the planned VMID, refuses the create with the import to
// use; guests this run destroyed, templates and other kinds do not.
func TestCheckNotCreatedYet(t *testing.T) {
	s := startEmu(t)
	c := tokenClient(t, s)
	ctx := context.Background()
	for _, call := range []struct {
		path string
		p    map[string]string
	}{
		{"/nodes/pve-s2/lxc", map[string]string{"vmid": "101", "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "rootfs": "local-lvm:1", "hostname": "Web01"}},
		{"/nodes/pve-s1/qemu", map[string]string{"vmid": "102", "name": "db01"}},
		{"/nodes/pve-s1/qemu", map[string]string{"vmid": "103", "name": "tmpl"}},
	} {
		if _, err := s.Call("POST", call.path, call.p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Call("POST", "/nodes/pve-s1/qemu/103/template", nil); err != nil {
		t.Fatal(err)
	}

	check := func(k guestKind, name string) diag.Diagnostics {
		var d diag.Diagnostics
		ok := checkNotCreatedYet(ctx, c, k, types.StringValue(name), &d)
		if ok == d.HasError() {
			t.Fatalf("%s %q: ok %v with diagnostics %v", k.kind, name, ok, d)
		}
		return d
	}
	d := check(lxcKind, "web01")
	if !d.HasError() {
		t.Fatal("a container with the same hostname was not found")
	}
	detail := d[0].Detail()
	for _, want := range []string{`CT 101 on node pve-s2 already has the hostname "Web01"`, "import {", "to = homelab_proxmox_lxc.<name>", `id = "pve-s2/101"`} {
		if !strings.Contains(detail, want) {
			t.Fatalf("detail lacks %q:\n%s", want, detail)
		}
	}
	if p := d[0].(diag.DiagnosticWithPath).Path(); !p.Equal(path.Root("hostname")) {
		t.Fatalf("diagnostic on %s", p)
	}
	if check(vmKind, "web01").HasError() {
		t.Fatal("a container blocks a VM of the same name")
	}
	if check(lxcKind, "db01").HasError() {
		t.Fatal("a VM blocks a container of the same name")
	}
	if d := check(vmKind, "db01"); !d.HasError() || !strings.Contains(d[0].Detail(), `id = "pve-s1/102"`) {
		t.Fatalf("VM name: %v", d)
	}
	if check(vmKind, "tmpl").HasError() {
		t.Fatal("a template blocks a VM of its name")
	}

	// A configured VMID PVE reports as taken: the import when it is a guest
	// of this kind.
	taken := errors.New("CT 101 already exists on node 'pve-s2'")
	if h := lxcKind.takenHint(ctx, c, types.Int64Value(101), taken); !strings.Contains(h, `CT 101 ("Web01" on node pve-s2)`) || !strings.Contains(h, `id = "pve-s2/101"`) {
		t.Fatalf("hint for a taken VMID: %q", h)
	}
	if h := lxcKind.takenHint(ctx, c, types.Int64Value(102), taken); !strings.Contains(h, "VMID 102 is taken by VM 102") || strings.Contains(h, "import") {
		t.Fatalf("hint for a VMID taken by a VM: %q", h)
	}
	if h := lxcKind.takenHint(ctx, c, types.Int64Null(), taken); h != "" {
		t.Fatalf("hint without a configured VMID: %q", h)
	}

	// One listing per run, however many creates.
	s.ResetCounters()
	check(lxcKind, "new1")
	check(lxcKind, "new2")
	if n := s.Counters()["GET /cluster/resources"]; n != 0 {
		t.Fatalf("the guest list was fetched %d times more", n)
	}

	// A guest this run destroyed (the first half of a replacement) no longer
	// counts.
	if err := deleteGuest(ctx, c, "lxc", "pve-s2", 101); err != nil {
		t.Fatal(err)
	}
	if check(lxcKind, "web01").HasError() {
		t.Fatal("the replaced container still blocks its re-creation")
	}
}

// TestRecordCreated: the state of an accepted create holds the planned
// values, with what only PVE could fill as null, and the id.
func TestRecordCreated(t *testing.T) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	(&lxcResource{}).Schema(ctx, resource.SchemaRequest{}, &sr)
	sch := sr.Schema
	plan := tfsdk.Plan{Schema: sch, Raw: tftypes.NewValue(sch.Type().TerraformType(ctx), nil)}
	for p, v := range map[string]any{
		"node": types.StringValue("pve-s1"), "hostname": types.StringValue("web01"), "id": types.StringUnknown(),
		"vmid": types.Int64Unknown(), "memory": types.Int64Value(1024),
	} {
		if d := plan.SetAttribute(ctx, path.Root(p), v); d.HasError() {
			t.Fatal(d)
		}
	}
	for p, v := range map[string]any{"storage": types.StringValue("local-lvm"), "volume": types.StringUnknown()} {
		if d := plan.SetAttribute(ctx, path.Root("rootfs").AtName(p), v); d.HasError() {
			t.Fatal(d)
		}
	}
	state := tfsdk.State{Schema: sch}
	if d := recordCreated(ctx, plan, &state, "pve-s1", 1005); d.HasError() {
		t.Fatal(d)
	}
	if !state.Raw.IsFullyKnown() {
		t.Fatal("the recorded state holds unknown values")
	}
	var m lxcModel
	if d := state.Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	if m.ID.ValueString() != "pve-s1/1005" || m.VMID.ValueInt64() != 1005 || m.Hostname.ValueString() != "web01" ||
		m.Memory.ValueInt64() != 1024 || m.RootFS == nil || !m.RootFS.Volume.IsNull() || m.RootFS.Storage.ValueString() != "local-lvm" {
		t.Fatalf("recorded %+v rootfs %+v", m, m.RootFS)
	}
}

// TestStartFailedNamesTheBridge: PVE's missing-bridge start error lands on
// the network entry naming that bridge.
func TestStartFailedNamesTheBridge(t *testing.T) {
	var d diag.Diagnostics
	err := &TaskError{UPID: "UPID:pve-s1:1:2:3:vzstart:100:root@pam:", ExitStatus: "bridge 'vmbr-nope' does not exist"}
	startFailed(&d, lxcKind, "pve-s1", []types.String{types.StringValue("vmbr0"), types.StringValue("vmbr-nope")}, err, "")
	if !d.HasError() || !d[0].(diag.DiagnosticWithPath).Path().Equal(path.Root("network").AtListIndex(1).AtName("bridge")) ||
		!strings.Contains(d[0].Detail(), `The bridge "vmbr-nope" does not exist on node pve-s1`) {
		t.Fatalf("diagnostics %v", d)
	}
	d = nil
	startFailed(&d, vmKind, "pve-s1", nil, &TaskError{ExitStatus: "VM is locked (backup)"}, "")
	if !d.HasError() || d[0].Summary() != "Starting the VM failed" {
		t.Fatalf("diagnostics %v", d)
	}
}
