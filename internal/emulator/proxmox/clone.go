package proxmox

import (
	"fmt"
	"strings"
)

// POST .../clone
func (s *Server) guestClone(r *request, g *guest) (any, *apiError) {
	newid := atoi(r.params["newid"])
	if o := s.st.Guests[newid]; o != nil {
		return nil, errf("%s %d already exists on node '%s'", o.typeLabel(), newid, o.Node)
	}
	if err := checkLock(r, g); err != nil {
		return nil, err
	}
	target := r.params["target"]
	if target == "" {
		target = g.Node
	}
	if !s.st.hasNode(target) {
		return nil, errf("no such cluster node '%s'", target)
	}
	isTemplate := g.Conf["template"] == "1"
	full := !isTemplate
	if v, ok := r.params["full"]; ok {
		full = v == "1"
	}
	storageID := r.params["storage"]
	if !full {
		if storageID != "" {
			return nil, errf("parameter 'storage' not allowed for linked clones")
		}
		if r.params["format"] != "" {
			return nil, errf("parameter 'format' not allowed for linked clones")
		}
		if !isTemplate {
			return nil, errf("Linked clone feature is not supported for %s %d (not a template)", g.typeLabel(), g.VMID)
		}
	}
	if storageID != "" && s.st.storage(storageID) == nil {
		return nil, errf("storage '%s' does not exist", storageID)
	}
	if pool := r.params["pool"]; pool != "" && s.st.Pools[pool] == nil {
		return nil, errf("pool '%s' does not exist", pool)
	}
	ng := &guest{VMID: newid, Node: target, Type: g.Type, Status: "stopped", Conf: map[string]string{}, Pending: map[string]string{}, Pool: r.params["pool"]}
	ms := createSchema(g.Type)
	for _, k := range sortedKeys(g.Conf) {
		v := g.Conf[k]
		base, _, _ := splitIndex(k)
		switch {
		case k == "template" || k == "lock" || base == "unused":
			continue
		case isDiskKey(g.Type, k):
			nv, err := s.cloneDisk(g, ng, ms.lookup(k), k, v, full, storageID)
			if err != nil {
				s.freeVolumes(newid)
				return nil, err
			}
			v = nv
		case base == "net":
			p := ms.lookup(k)
			kv, _ := parsePropertyString(p, v)
			if g.Type == "lxc" {
				kv["hwaddr"] = randomMAC()
				v = printPropertyString(p, kv)
			} else {
				delete(kv, "macaddr")
				v = s.printQemuNet(ng, k, p, kv)
			}
		case k == "smbios1":
			v = "uuid=" + uuid()
		case k == "vmgenid":
			v = uuid()
		}
		ng.Conf[k] = v
	}
	if h := r.params["hostname"]; h != "" && g.Type == "lxc" {
		ng.Conf["hostname"] = h
	}
	if n := r.params["name"]; n != "" && g.Type == "qemu" {
		ng.Conf["name"] = n
	}
	if d, ok := r.params["description"]; ok {
		ng.Conf["description"] = descriptionIn(ng.Type, d)
	}
	s.st.Guests[newid] = ng
	s.holdLock(ng, "clone")
	typ := "vzclone"
	if g.Type == "qemu" {
		typ = "qmclone"
	}
	return s.newTask(g.Node, typ, itoa(g.VMID), r.user, ""), nil
}

// cloneDisk copies (full) or links (linked clone of a template) one disk.
func (s *Server) cloneDisk(src, dst *guest, p *paramSchema, k, v string, full bool, storageID string) (string, *apiError) {
	kv, _ := parsePropertyString(p, v)
	vk := volumeKey(p)
	vol := diskVolume(v)
	if vol == "" {
		return v, nil
	}
	if strings.HasSuffix(vol, "-cloudinit") || strings.Contains(vol, "-cloudinit.") {
		sid, _, _ := strings.Cut(vol, ":")
		nkv := map[string]string{vk: sid + ":cloudinit"}
		return s.normaliseOption(nil, dst, k, printPropertyString(p, nkv), "")
	}
	srcVol := s.st.findAnyVolume(vol)
	if srcVol == nil || srcVol.Content == "iso" {
		return v, nil
	}
	sid, name, _ := strings.Cut(vol, ":")
	content := "images"
	if src.Type == "lxc" {
		content = "rootdir"
	}
	if full {
		if storageID != "" {
			sid = storageID
		}
		newVol, err := s.allocDisk(dst.Node, sid, dst.VMID, srcVol.Size, content, "")
		if err != nil {
			return "", err
		}
		kv[vk] = newVol
		return printPropertyString(p, kv), nil
	}
	st := s.st.storage(sid)
	for n := 0; ; n++ {
		nn := fmt.Sprintf("vm-%d-disk-%d", dst.VMID, n)
		if s.st.volumeNameUsed(dst.Node, sid, nn) {
			continue
		}
		base := name
		if st.Type != "lvmthin" {
			base = strings.TrimSuffix(name[strings.Index(name, "/")+1:], ".raw")
			base = strings.TrimSuffix(base, ".qcow2")
			nn = fmt.Sprintf("%d/%s/%d/%s.qcow2", src.VMID, base+".raw", dst.VMID, nn)
			base = ""
		}
		volid := sid + ":" + nn
		if base != "" {
			volid = sid + ":" + base + "/" + nn
		}
		s.st.addVolume(&volume{Node: dst.Node, Storage: sid, Volid: volid, Content: content, Format: srcVol.Format, Size: srcVol.Size, VMID: dst.VMID})
		kv[vk] = volid
		return printPropertyString(p, kv), nil
	}
}

// POST .../template: converts to a template, renaming disks to base-*.
func (s *Server) guestTemplate(r *request, g *guest) (any, *apiError) {
	if err := checkLock(r, g); err != nil {
		return nil, err
	}
	if g.Conf["template"] == "1" {
		return nil, errf("you can't convert a template to a template")
	}
	if g.Status == "running" {
		if g.Type == "lxc" {
			return nil, errf("you can't convert a CT to template if the CT is running")
		}
		return nil, errf("you can't convert a VM to template if VM is running")
	}
	for _, k := range sortedKeys(g.Conf) {
		if !isDiskKey(g.Type, k) {
			continue
		}
		vol := diskVolume(g.Conf[k])
		v := s.st.findAnyVolume(vol)
		if v == nil || strings.Contains(vol, "-cloudinit") {
			continue
		}
		nv := strings.Replace(vol, fmt.Sprintf("vm-%d-disk-", g.VMID), fmt.Sprintf("base-%d-disk-", g.VMID), 1)
		v.Volid = nv
		g.Conf[k] = strings.Replace(g.Conf[k], vol, nv, 1)
	}
	g.Conf["template"] = "1"
	if g.Type == "lxc" {
		s.newTask(g.Node, "vztemplate", itoa(g.VMID), r.user, "")
		return nil, nil
	}
	return s.newTask(g.Node, "qmtemplate", itoa(g.VMID), r.user, ""), nil
}
