package proxmox

import "strings"

// volumePath is PVE::Storage::path of a volume: on file storages
// (Plugin.pm filesystem_path) <path>/<subdir>[/<vmid>]/<name>, the subdir
// by content type (images, template/iso, template/cache, dump, snippets,
// import; container volumes are images too); on LVM /dev/<vg>/<name>.
// A linked clone's name is its own part (base-1-disk-0/vm-2-disk-0 is
// vm-2-disk-0, of VMID 2).
func volumePath(st *storage, v *volume) string {
	_, name, _ := strings.Cut(v.Volid, ":")
	if st == nil {
		return ""
	}
	if dir, ok := storagePath(st); ok {
		switch v.Content {
		case "images", "rootdir":
			parts := strings.Split(name, "/")
			if len(parts) >= 2 {
				return dir + "/images/" + parts[len(parts)-2] + "/" + parts[len(parts)-1]
			}
			return dir + "/images/" + name
		}
		sub := map[string]string{"iso": "template/iso", "vztmpl": "template/cache", "backup": "dump", "snippets": "snippets", "import": "import"}[v.Content]
		_, file, _ := strings.Cut(name, "/") // "iso/x.iso" is x.iso
		return dir + "/" + sub + "/" + file
	}
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	vg := st.Options["vgname"]
	if vg == "" {
		vg = "pve"
	}
	return "/dev/" + vg + "/" + name
}
