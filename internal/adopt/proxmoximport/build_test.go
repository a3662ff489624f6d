package proxmoximport

import (
	"strings"
	"testing"

	"github.com/homelab-iac/terraform-provider-homelab/internal/adopt"
)

func hcl(t *testing.T, res *adopt.Result) string {
	t.Helper()
	files, _, err := adopt.Generate([]*adopt.Result{res}, true)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(files[file])), " ")
}

// Configs as PVE answers them (numbers as JSON numbers, sizes in PVE's spelling).
func testCluster() *cluster {
	return &cluster{
		nodes: []string{"pve-s1"},
		pools: []pool{{id: "infra", comment: "core"}},
		guests: []*guest{
			{vmid: 101, kind: "lxc", node: "pve-s1", name: "dns", running: true, pool: "infra", cfg: map[string]any{
				"hostname": "dns", "unprivileged": float64(1), "memory": float64(512), "swap": float64(0), "cpulimit": "0.5",
				"rootfs": "local-lvm:vm-101-disk-0,size=4G,acl=1", "arch": "amd64", "ostype": "debian", "digest": "x",
				"net0":     "name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01,ip=10.0.0.2/24,gw=10.0.0.1,tag=10,type=veth,rate=5",
				"mp2":      "local-lvm:vm-101-disk-1,mp=/data,size=16G",
				"features": "keyctl=1,mknod=1", "description": "two\nlines\n", "tags": "b;a", "lxc.idmap": "u 0 100000 65536"}},
			{vmid: 102, kind: "lxc", node: "pve-s1", name: "CT102", cfg: map[string]any{"hostname": "CT102",
				"rootfs": "local-lvm:vm-102-disk-0,size=1G", "net0": "name=eth0,bridge=vmbr0,ip=dhcp,gw=10.0.0.1"}},
			{vmid: 200, kind: "qemu", node: "pve-s1", name: "web", running: true, pool: "gone", cfg: map[string]any{
				"name": "web", "cores": float64(1), "sockets": float64(2), "memory": "1024", "cpu": "host",
				"scsi10": "local-lvm:vm-200-disk-1,size=8G", "scsi2": "local-lvm:vm-200-disk-0,size=32G,iothread=1",
				"sata0": "local:iso/x.iso,media=cdrom", "ide2": "local-lvm:vm-200-cloudinit,media=cdrom",
				"net0": "virtio=BC:24:11:00:00:02,bridge=vmbr0", "net1": "e1000=BC:24:11:00:00:03,bridge=vmbr1,tag=7,queues=2",
				"ipconfig1": "ip=dhcp", "cipassword": "**********", "ciuser": "ops", "agent": "1", "boot": "cdn", "scsihw": "virtio-scsi-pci"}},
			{vmid: 201, kind: "qemu", node: "pve-s1", cfg: map[string]any{"scsi0": "local-lvm:vm-201-disk-0,size=8G"}},
			{vmid: 900, kind: "qemu", node: "pve-s1", name: "tmpl", template: true},
		},
		storages: []storage{{id: "local-lvm", typ: "lvmthin", nodes: []string{"pve-s1"}}},
	}
}

func TestBuild(t *testing.T) {
	res := build(testCluster())
	var addrs []string
	for _, r := range res.Resources {
		addrs = append(addrs, r.Address()+"="+r.ImportID)
	}
	if got, want := strings.Join(addrs, " "), "homelab_proxmox_pool.infra=infra homelab_proxmox_lxc.dns=pve-s1/101 homelab_proxmox_vm.web=pve-s1/200"; got != want {
		t.Errorf("resources %s, want %s", got, want)
	}
	body := hcl(t, res)
	for _, w := range []string{
		`resource "homelab_proxmox_pool" "infra" { pool_id = "infra" comment = "core" }`,
		`node = "pve-s1" vmid = 101 hostname = "dns" cpulimit = 0.5 swap = 0 rootfs = { storage = "local-lvm" size = "4G" }`,
		`mount_point = [ { storage = "local-lvm" size = "16G" path = "/data" }, ]`,
		`network = [ { name = "eth0" bridge = "vmbr0" tag = 10 ip = "10.0.0.2/24" gw = "10.0.0.1" hwaddr = "BC:24:11:00:00:01" }, ]`,
		`features = { keyctl = true }`, `tags = ["a", "b"] description = "two\nlines" pool = homelab_proxmox_pool.infra.pool_id }`,
		`name = "web" sockets = 2 memory = 1024 cpu_type = "host" disk = [ { slot = "scsi10" storage = "local-lvm" size = "8G" }, { slot = "scsi2"`,
		`{ model = "e1000" bridge = "vmbr1" tag = 7 macaddr = "BC:24:11:00:00:03" }`,
		`cloud_init = { storage = "local-lvm" user = "ops" ip_config = [ {}, { ip = "dhcp" }, ] } agent = true pool = "gone" }`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("proxmox-guests.tf lacks\n %s\nin\n %s", w, body)
		}
	}
	for _, no := range []string{"unprivileged", "memory = 512", "started", "boot", "cipassword", "password", "virtio\""} {
		if strings.Contains(body, no) {
			t.Errorf("proxmox-guests.tf holds %q: %s", no, body)
		}
	}
	skipped := map[string]string{}
	for _, s := range res.Skipped {
		skipped[s.Object+"|"+s.Field] = s.Reason
	}
	for _, w := range []string{"CT 101 dns|rootfs.acl", "CT 101 dns|net0.rate", "CT 101 dns|features.mknod", "CT 101 dns|lxc.idmap",
		"VM 200 web|scsi2.iothread", "VM 200 web|net1.queues", "VM 200 web|sata0", "VM 200 web|boot", "VM 200 web|scsihw",
		"VM 200 web|cipassword", "VM 900 tmpl|", "local-lvm|"} {
		if _, ok := skipped[w]; !ok {
			t.Errorf("report lacks %s (has %v)", w, skipped)
		}
	}
	for _, no := range []string{"CT 101 dns|arch", "CT 101 dns|digest", "VM 200 web|ide2", "VM 200 web|ciuser"} {
		if _, ok := skipped[no]; ok {
			t.Errorf("report lists %s", no)
		}
	}
	var unexpressed []string
	for _, u := range res.Unexpressed {
		unexpressed = append(unexpressed, u.Object+"|"+u.Field)
	}
	if got, want := strings.Join(unexpressed, " "), "CT 102 CT102|net0 VM 201|name"; got != want {
		t.Errorf("unexpressed %s, want %s", got, want)
	}
}

func TestGraph(t *testing.T) {
	m := graph(testCluster()).Mermaid()
	for _, w := range []string{`pve_pve_s1[/"pve-s1"/]`, `guest_101>"CT 101 dns"]`, `br_pve_s1_vmbr1{{"vmbr1 (pve-s1)"}}`,
		`pve_pve_s1 --> guest_200`, `guest_101 -->|"net0 VLAN 10"| br_pve_s1_vmbr0`, `guest_200 -->|"net1 VLAN 7"| br_pve_s1_vmbr1`} {
		if !strings.Contains(m, w) {
			t.Errorf("graph lacks %s:\n%s", w, m)
		}
	}
	if strings.Contains(m, "guest_900") {
		t.Error("a template is drawn")
	}
}
