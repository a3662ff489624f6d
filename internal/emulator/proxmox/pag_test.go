package proxmox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"strings"
	"testing"

	pxapi "github.com/Telmate/proxmox-api-go/proxmox"
)

// pagClient is proxmox-api-go (the version the resources use) pointed at s.
func pagClient(t *testing.T, s *Server) *pxapi.Client {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(s.CACertPEM())
	c, err := pxapi.NewClient(s.URL()+"/api2/json", nil, "", &tls.Config{RootCAs: pool}, "", 30, false)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func pagTokenClient(t *testing.T, s *Server) *pxapi.Client {
	t.Helper()
	c := pagClient(t, s)
	var id pxapi.ApiTokenID
	if err := id.Parse(testTokenID); err != nil {
		t.Fatal(err)
	}
	c.SetAPIToken(id, pxapi.ApiTokenSecret(testTokenSecret))
	return c
}

func TestPAGLoginVersionNextID(t *testing.T) {
	s := startTest(t)
	ctx := context.Background()
	c := pagClient(t, s)
	if err := c.Login(ctx, "root@pam", "wrong", ""); err == nil {
		t.Fatal("login with a wrong password succeeded")
	}
	if err := c.Login(ctx, "root@pam", "emulator", ""); err != nil {
		t.Fatal(err)
	}
	v, err := c.GetVersion(ctx)
	if err != nil || v.Major != 9 || v.Minor != 1 {
		t.Fatalf("version %+v %v", v, err)
	}
	id, err := c.GetNextID(ctx, nil)
	if err != nil || id != 100 {
		t.Fatalf("nextid %v %v", id, err)
	}
	// A ticket session can write (PAG sends the CSRF token).
	if _, err := c.PostWithTask(ctx, map[string]any{"vmid": 100, "ostemplate": "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "rootfs": "local-lvm:1"}, "/nodes/pve-s1/lxc"); err != nil {
		t.Fatal(err)
	}
	start := pxapi.GuestID(100)
	id, err = c.GetNextID(ctx, &start)
	if err != nil || id != 101 {
		t.Fatalf("nextid from 100: %v %v", id, err)
	}
}

func TestPAGLXCLifecycle(t *testing.T) {
	s := startTest(t)
	ctx := context.Background()
	c := pagTokenClient(t, s)
	node := pxapi.NodeName("pve-s1")
	storage := "local-lvm"
	size := pxapi.LxcMountSize(8 * 1024 * 1024)
	mem := pxapi.LxcMemory(1024)
	name := pxapi.GuestName("web")
	bridge := "vmbr0"
	nic := pxapi.LxcNetworkName("eth0")
	cfg := pxapi.ConfigLXC{
		Node:      &node,
		Name:      &name,
		Memory:    &mem,
		BootMount: &pxapi.LxcBootMount{Storage: &storage, SizeInKibibytes: &size},
		CreateOptions: &pxapi.LxcCreateOptions{
			OsTemplate: &pxapi.LxcTemplate{Storage: "local", File: "debian-12-standard_12.12-1_amd64.tar.zst"},
		},
		Networks: pxapi.LxcNetworks{pxapi.LxcNetworkID0: pxapi.LxcNetwork{Name: &nic, Bridge: &bridge}},
	}
	vmr, err := cfg.Create(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if vmr.VmId() != 100 {
		t.Fatalf("vmid %d", vmr.VmId())
	}
	raw, err := pxapi.NewRawConfigLXCFromAPI(ctx, vmr, c)
	if err != nil {
		t.Fatal(err)
	}
	got := raw.Get(*vmr, pxapi.PowerStateStopped)
	if *got.Memory != 1024 || *got.Name != "web" || got.Networks[0].MAC == nil || *got.BootMount.SizeInKibibytes != size || *got.Privileged {
		t.Fatalf("read back %+v", got)
	}
	// Update: memory and a bigger root disk (PAG resizes, then PUTs with digest).
	mem2 := pxapi.LxcMemory(2048)
	size2 := pxapi.LxcMountSize(10 * 1024 * 1024)
	upd := *got
	upd.Memory = &mem2
	upd.BootMount = &pxapi.LxcBootMount{Storage: &storage, SizeInKibibytes: &size2}
	if err := upd.Update(ctx, true, vmr, c); err != nil {
		t.Fatal(err)
	}
	raw, err = pxapi.NewRawConfigLXCFromAPI(ctx, vmr, c)
	if err != nil {
		t.Fatal(err)
	}
	got = raw.Get(*vmr, pxapi.PowerStateStopped)
	if *got.Memory != 2048 || *got.BootMount.SizeInKibibytes != size2 {
		t.Fatalf("after update %+v %+v", got, got.BootMount)
	}
	// Full clone to another node.
	newID := pxapi.GuestID(200)
	cloneName := pxapi.GuestName("web2")
	clone, err := vmr.CloneLxc(ctx, pxapi.CloneLxcTarget{Full: &pxapi.CloneLxcFull{Node: "pve-s2", ID: &newID, Name: &cloneName}}, c)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := c.GetVmRefById(ctx, 200)
	if err != nil || ref.Node() != "pve-s2" || clone.VmId() != 200 {
		t.Fatalf("clone ref %v %v", ref, err)
	}
	// Start, shut down, delete.
	if err := pxapi.GuestStart(ctx, vmr, c); err != nil {
		t.Fatal(err)
	}
	if err := vmr.Delete(ctx, c); err == nil || !strings.Contains(err.Error(), "not running") {
		// PAG stops twice (overrule-shutdown, then plain stop); PVE refuses
		// the second stop of a container.
		t.Fatalf("delete of a running CT: %v", err)
	}
	if err := pxapi.GuestStart(ctx, vmr, c); err != nil {
		t.Fatal(err)
	}
	if err := pxapi.GuestShutdown(ctx, vmr, c, true); err != nil {
		t.Fatal(err)
	}
	if err := vmr.Delete(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetVmRefById(ctx, 100); err == nil {
		t.Fatal("guest 100 still exists")
	}
}

func TestPAGQemuLifecycle(t *testing.T) {
	s := startTest(t)
	ctx := context.Background()
	c := pagTokenClient(t, s)
	_, err := c.PostWithTask(ctx, map[string]any{
		"vmid": 300, "name": "vm1", "memory": "2048", "cores": 2, "scsihw": "virtio-scsi-single",
		"scsi0": "local-lvm:32,iothread=1", "net0": "virtio,bridge=vmbr0", "ide2": "local-lvm:cloudinit",
		"agent": "1", "tags": "b;a",
	}, "/nodes/pve-s1/qemu")
	if err != nil {
		t.Fatal(err)
	}
	vmr := pxapi.NewVmRef(300)
	if err := c.CheckVmRef(ctx, vmr); err != nil {
		t.Fatal(err)
	}
	cfg, err := pxapi.NewConfigQemuFromApi(ctx, vmr, c)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Memory == nil || *cfg.Memory.CapacityMiB != 2048 || cfg.Disks == nil || cfg.Disks.Scsi.Disk_0.Disk.SizeInKibibytes != 32*1024*1024 {
		t.Fatalf("qemu read back %+v", cfg)
	}
	// Resize (KiB, as PAG sends it) and a raw config change.
	if _, err := c.ResizeQemuDiskRaw(ctx, vmr, "scsi0", "+1G"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PutWithTask(ctx, map[string]any{"cores": 4}, "/nodes/pve-s1/qemu/300/config"); err != nil {
		t.Fatal(err)
	}
	cfg, err = pxapi.NewConfigQemuFromApi(ctx, vmr, c)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Disks.Scsi.Disk_0.Disk.SizeInKibibytes != 33*1024*1024 || *cfg.CPU.Cores != 4 {
		t.Fatalf("after update %+v", cfg.CPU)
	}
	// Template, then a linked clone.
	if err := c.CreateTemplate(ctx, vmr); err != nil {
		t.Fatal(err)
	}
	newID := pxapi.GuestID(301)
	if _, err := vmr.CloneQemu(ctx, pxapi.CloneQemuTarget{Linked: &pxapi.CloneLinked{Node: "pve-s1", ID: &newID}}, c); err != nil {
		t.Fatal(err)
	}
	var conf map[string]any
	raw, err := s.Call("GET", "/nodes/pve-s1/qemu/301/config", nil)
	if err != nil {
		t.Fatal(err)
	}
	conf = mustJSON(t, raw)
	if !strings.HasPrefix(conf["scsi0"].(string), "local-lvm:base-300-disk-0/vm-301-disk-0,") {
		t.Fatalf("linked clone disk %v", conf["scsi0"])
	}
	if err := pxapi.NewVmRef(301).Delete(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := vmr.Delete(ctx, c); err != nil {
		t.Fatal(err)
	}
}

func TestPAGTemplateDownload(t *testing.T) {
	s := startTest(t)
	ctx := context.Background()
	c := pagTokenClient(t, s)
	list, err := pxapi.ListTemplates(ctx, c, "pve-s1")
	if err != nil || len(*list) < 6 {
		t.Fatalf("aplinfo %v %v", list, err)
	}
	tmpl := pxapi.ConfigContent_Template{Node: "pve-s1", Storage: "local", Template: "ubuntu-24.04-standard_24.04-2_amd64.tar.zst"}
	if ok, err := tmpl.Exists(ctx, c); err != nil || ok {
		t.Fatalf("exists before download: %v %v", ok, err)
	}
	if err := pxapi.DownloadLxcTemplate(ctx, c, tmpl); err != nil {
		t.Fatal(err)
	}
	if ok, err := tmpl.Exists(ctx, c); err != nil || !ok {
		t.Fatalf("exists after download: %v %v", ok, err)
	}
	// PAG deletes with the raw volume id in the path.
	if err := pxapi.DeleteFile(ctx, c, "pve-s1", pxapi.Content_File{Storage: "local", ContentType: pxapi.ContentType_Template, FilePath: tmpl.Template}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := tmpl.Exists(ctx, c); ok {
		t.Fatal("template still there after delete")
	}
}
