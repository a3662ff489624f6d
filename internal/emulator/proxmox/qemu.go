package proxmox

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// POST /nodes/{node}/qemu (qemu-server API2/Qemu.pm create_vm).
func (s *Server) createQemu(r *request) (any, *apiError) {
	node, vmid := r.vars["node"], atoi(r.params["vmid"])
	p := r.params
	if pool := p["pool"]; pool != "" && s.st.Pools[pool] == nil {
		return nil, errf("pool '%s' does not exist", pool)
	}
	if g := s.st.Guests[vmid]; g != nil {
		// qemu-server checks inside the worker: the task fails.
		return s.newTask(node, "qmcreate", itoa(vmid), r.user,
			fmt.Sprintf("unable to create VM %d - %s %d already exists on node '%s'", vmid, g.typeLabel(), vmid, g.Node)), nil
	}
	g := &guest{VMID: vmid, Node: node, Type: "qemu", Status: "stopped", Conf: map[string]string{}, Pending: map[string]string{}}
	for _, k := range volumeOrder("qemu", sortedKeys(p)) {
		if notConfig[k] {
			continue
		}
		v, err := s.normaliseOption(r, g, k, p[k], p["storage"])
		if err != nil {
			s.freeVolumes(vmid)
			return nil, err
		}
		g.Conf[k] = v
	}
	if _, ok := g.Conf["boot"]; !ok {
		g.Conf["boot"] = defaultBoot(g.Conf)
	}
	g.Conf["meta"] = fmt.Sprintf("creation-qemu=10.1.2,ctime=%d", time.Now().Unix())
	if _, ok := g.Conf["smbios1"]; !ok {
		g.Conf["smbios1"] = "uuid=" + uuid()
	}
	if _, ok := g.Conf["vmgenid"]; !ok {
		g.Conf["vmgenid"] = uuid()
	}
	s.st.Guests[vmid] = g
	s.holdLock(g, "create")
	g.Pool = p["pool"]
	if p["ha-managed"] == "1" {
		s.st.HA[haSID(g)] = &haResource{SID: haSID(g), State: haCreateState(p)}
	}
	// The create worker calls the start API (its own qmstart worker) and
	// only warns when that fails, e.g. on a missing bridge (bridges.go): the
	// VM stays, stopped. Whether the create task then ends with "WARNINGS"
	// is unconfirmed; the emulator reports OK.
	if fail, _ := s.startNetworkError(g); p["start"] == "1" && fail == "" {
		g.start()
	}
	return s.newTask(node, "qmcreate", itoa(vmid), r.user, ""), nil
}

// defaultBoot is get_default_bootdevices: the first disk, CD-ROMs, then net0.
func defaultBoot(conf map[string]string) string {
	var order []string
	var firstDisk string
	var cdroms []string
	for _, bus := range []string{"scsi", "virtio", "sata", "ide"} {
		for i := 0; i <= maxIndex(bus); i++ {
			k := bus + itoa(i)
			v, ok := conf[k]
			if !ok {
				continue
			}
			if strings.Contains(v, "media=cdrom") {
				if !strings.Contains(v, "cloudinit") {
					cdroms = append(cdroms, k)
				}
			} else if firstDisk == "" {
				firstDisk = k
			}
		}
	}
	if firstDisk != "" {
		order = append(order, firstDisk)
	}
	order = append(order, cdroms...)
	if _, ok := conf["net0"]; ok {
		order = append(order, "net0")
	}
	return "order=" + strings.Join(order, ";")
}

func uuid() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// qemuMemory is the configured memory in MiB ("2048" or "current=2048").
func qemuMemory(conf map[string]string) int64 {
	v := conf["memory"]
	v = strings.TrimPrefix(v, "current=")
	if i := strings.IndexByte(v, ','); i >= 0 {
		v = v[:i]
	}
	if v == "" {
		return 512
	}
	return int64(atoi(v))
}
