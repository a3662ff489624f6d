package proxmox

import "testing"

// TestContentPath: GET .../content/{volume} answers PVE::Storage::path:
// the content type's subdirectory of the storage's path, /dev/<vg>/ on LVM.
func TestContentPath(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	createVM(c, "pve-s1", "300", map[string]string{"scsi1": "nas:4"})
	c.createCT("pve-s1", "100", nil)
	s.mu.Lock()
	s.st.addVolume(&volume{Node: "pve-s1", Storage: "local", Volid: "local:iso/a.iso", Content: "iso", Format: "iso", Size: 1 << 20})
	s.mu.Unlock()
	for volid, want := range map[string]string{
		"local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst": "/var/lib/vz/template/cache/debian-12-standard_12.12-1_amd64.tar.zst",
		"local:iso/a.iso":             "/var/lib/vz/template/iso/a.iso",
		"local-lvm:vm-300-disk-0":     "/dev/pve/vm-300-disk-0",
		"local-lvm:vm-100-disk-0":     "/dev/pve/vm-100-disk-0",
		"nas:300/vm-300-disk-0.qcow2": "/mnt/pve/nas/images/300/vm-300-disk-0.qcow2",
	} {
		storageID := volid[:len(volid)-len(volid[indexColon(volid):])]
		var info map[string]any
		c.ok("GET", "/nodes/pve-s1/storage/"+storageID+"/content/"+volid, nil, &info)
		if info["path"] != want {
			t.Errorf("%s: path %v, want %s", volid, info["path"], want)
		}
	}
}

func indexColon(s string) int {
	for i := range s {
		if s[i] == ':' {
			return i
		}
	}
	return len(s)
}
