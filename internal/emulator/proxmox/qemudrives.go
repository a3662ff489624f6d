package proxmox

import (
	"regexp"
	"strings"
)

// What becomes of a qemu drive's volume when the drive is replaced or
// removed, after qemu-server's vmconfig_register_unused_drive,
// try_deallocate_drive and vm_is_volid_owner (src/PVE/QemuServer.pm):
//
//   - a cloud-init drive's volume is freed (never unusedN);
//   - CD-ROM media (an ISO, "none", "cdrom") are left alone;
//   - any other volume becomes unusedN only when the VM owns it (the
//     owner in its volume name is this VMID): an attached disk of another
//     guest is just detached;
//   - deleting unusedN frees the volume only when the VM owns it.
//
// On a running VM, vmconfig_update_disk swaps a CD-ROM drive's medium at
// once (change_medium), also on ide/sata, where new or removed disks wait
// for the next start; a change between disk and cdrom media is "hotplug
// problem - unable to change media type" (vmconfig_hotplug_pending), the
// change staying pending.

// reCloudinitVol is drive_is_cloudinit (src/PVE/QemuServer/Drive.pm).
var reCloudinitVol = regexp.MustCompile(`[:/](?:vm-\d+-)?cloudinit(?:\.(?:raw|qcow2|vmdk))?$`)

func isCloudinitVolume(vol string) bool { return reCloudinitVol.MatchString(vol) }

// isCDROM is drive_is_cdrom: the drive has media=cdrom.
func isCDROM(v string) bool {
	for _, part := range strings.Split(v, ",") {
		if part == "media=cdrom" {
			return true
		}
	}
	return false
}

// registerUnused is what happens to the volume of qemu drive value v after
// it left the config.
func (s *Server) registerUnusedQemu(g *guest, v string) {
	vol := diskVolume(v)
	if vol == "" {
		return
	}
	x := s.st.findAnyVolume(vol)
	switch {
	case x == nil:
	case isCloudinitVolume(vol):
		s.st.removeVolume(x)
	case isCDROM(v):
	case x.VMID == g.VMID:
		g.Conf[freeKey(g.Conf, "unused")] = vol
	}
}

// deallocUnusedQemu frees an unusedN volume the VM owns.
func (s *Server) deallocUnusedQemu(g *guest, vol string) {
	if x := s.st.findAnyVolume(vol); x != nil && x.VMID == g.VMID {
		s.st.removeVolume(x)
	}
}

// qemuMediaChange reports whether setting drive k to v on a running VM
// swaps a CD-ROM medium (applied at once), or the hotplug error when the
// media type would change.
func qemuMediaChange(g *guest, k, v string) (bool, string) {
	old, ok := g.Conf[k]
	if !ok || !isDiskKey("qemu", k) || k == "efidisk0" || k == "tpmstate0" {
		return false, ""
	}
	if isCDROM(old) != isCDROM(v) {
		return false, "hotplug problem - unable to change media type"
	}
	return isCDROM(old), ""
}

// checkCloudinitAlloc refuses a second cloud-init drive and a volume name
// that is taken (create_disks, then the storage plugin's alloc_image).
func (s *Server) checkCloudinitAlloc(g *guest, k, volid string) *apiError {
	for _, conf := range []map[string]string{g.Conf, g.Pending} {
		for other, v := range conf {
			if other != k && isDiskKey("qemu", other) && isCloudinitVolume(diskVolume(v)) {
				return errf("%s - cloud-init drive is already attached at '%s'", k, other)
			}
		}
	}
	if s.st.findAnyVolume(volid) == nil {
		return nil
	}
	storageID, name, _ := strings.Cut(volid, ":")
	st := s.st.storage(storageID)
	if st == nil {
		return nil
	}
	if dir, ok := storagePath(st); ok {
		return errf("disk image '%s/images/%s' already exists", dir, name)
	}
	// lvcreate's wording (LvmThinPlugin alloc_image runs it), unconfirmed.
	vg := "pve"
	if st.Options["vgname"] != "" {
		vg = st.Options["vgname"]
	}
	return errf("lvcreate '%s/%s' error:   Logical Volume \"%s\" already exists in volume group \"%s\"", vg, name, name, vg)
}
