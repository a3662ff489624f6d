package proxmox

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

func freeKey(conf map[string]string, prefix string) string {
	for i := 0; ; i++ {
		if _, ok := conf[prefix+itoa(i)]; !ok {
			return prefix + itoa(i)
		}
	}
}

// isDiskKey reports whether k holds a volume (rootfs, mpN; qemu disks).
func isDiskKey(typ, k string) bool {
	base, _, ok := splitIndex(k)
	if typ == "lxc" {
		return k == "rootfs" || (ok && base == "mp")
	}
	if k == "efidisk0" || k == "tpmstate0" {
		return true
	}
	return ok && (base == "scsi" || base == "virtio" || base == "sata" || base == "ide")
}

// diskVolume is the volume id of a disk option value ("" for none, cdrom
// drives without media, bind mounts and devices).
func diskVolume(v string) string {
	vol, _, _ := strings.Cut(v, ",")
	if i := strings.Index(vol, "="); i >= 0 {
		k := vol[:i]
		if k != "file" && k != "volume" {
			return ""
		}
		vol = vol[i+1:]
	}
	if vol == "none" || vol == "cdrom" || strings.HasPrefix(vol, "/") || !strings.Contains(vol, ":") {
		return ""
	}
	return vol
}

// volumeKey is the sub-key holding the volume: "volume" (lxc) or "file".
func volumeKey(p *paramSchema) string {
	if _, ok := p.subSchema["volume"]; ok && p.subSchema["volume"].Alias == "" {
		return "volume"
	}
	return "file"
}

// allocOption allocates "storage:N" (N GiB) volumes; an existing volume id
// is kept (and must exist), its size taken from the storage.
func (s *Server) allocOption(g *guest, k string, p *paramSchema, kv map[string]string, defaultStorage string) (string, *apiError) {
	vk := volumeKey(p)
	vol := kv[vk]
	if g.Type == "qemu" && defaultStorage != "" && reNumber.MatchString(vol) {
		vol = defaultStorage + ":" + vol // NEW_DISK_RE: a bare size uses the storage parameter
	}
	storageID, rest, hasColon := strings.Cut(vol, ":")
	content := "images"
	if g.Type == "lxc" {
		content = "rootdir"
	}
	switch {
	case g.Type == "qemu" && (vol == "none" || vol == "cdrom"):
	case g.Type == "qemu" && hasColon && rest == "cloudinit":
		volid := fmt.Sprintf("%s:vm-%d-cloudinit", storageID, g.VMID)
		if st := s.st.storage(storageID); st != nil && st.Type != "lvmthin" {
			volid = fmt.Sprintf("%s:%d/vm-%d-cloudinit.qcow2", storageID, g.VMID, g.VMID)
		}
		if s.st.storage(storageID) == nil {
			return "", errf("storage '%s' does not exist", storageID)
		}
		if err := s.checkCloudinitAlloc(g, k, volid); err != nil {
			return "", err
		}
		s.st.addVolume(&volume{Node: g.Node, Storage: storageID, Volid: volid, Content: "images", Format: "raw", Size: 4 << 20, VMID: g.VMID})
		kv[vk] = volid
		kv["media"] = "cdrom"
	case hasColon && reNumber.MatchString(rest) && !strings.Contains(rest, "/"):
		gb, _ := strconv.ParseFloat(rest, 64)
		size := int64(gb * float64(gib))
		if k == "efidisk0" || k == "tpmstate0" {
			size = 4 << 20
		}
		if g.Type == "lxc" && size <= 0 {
			return "", errf("unable to allocate volume of size 0 on '%s'", storageID)
		}
		volid, err := s.allocDisk(g.Node, storageID, g.VMID, size, content, kv["format"])
		if err != nil {
			return "", err
		}
		kv[vk] = volid
		kv["size"] = formatSize(size)
	case strings.HasPrefix(vol, "/"):
		// bind mount or device: kept as given
	case hasColon:
		v := s.st.findVolume(g.Node, vol)
		if v == nil {
			return "", errf("volume '%s' does not exist", vol)
		}
		if v.Content != "iso" {
			kv["size"] = formatSize(v.Size)
		}
	}
	return printPropertyString(p, kv), nil
}

// diskSize is the size of a disk option in bytes.
func diskSize(p *paramSchema, v string) int64 {
	kv, _ := parsePropertyString(p, v)
	n, _ := parseSize(kv["size"])
	return n
}

// volumeOrder sorts option keys so disks come in PVE's allocation order
// (rootfs, then mp0..; ide, sata, scsi, virtio, efidisk0, tpmstate0), which
// decides the disk numbers.
func volumeOrder(typ string, keys []string) []string {
	order := map[string]int{"mp": 1, "ide": 0, "sata": 1, "scsi": 2, "virtio": 3, "efidisk": 4, "tpmstate": 5}
	rank := func(k string) int {
		if !isDiskKey(typ, k) {
			return 1 << 20
		}
		if k == "rootfs" {
			return 0
		}
		base, idx, _ := splitIndex(k)
		return order[base]*1000 + idx
	}
	out := append([]string(nil), keys...)
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}
