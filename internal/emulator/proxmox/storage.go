package proxmox

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// storageEntry is a GET /nodes/{node}/storage item.
func (s *Server) storageEntry(node string, st *storage) map[string]any {
	var used int64
	for _, v := range s.st.volumesOn(node, st.ID) {
		used += v.Size
	}
	return map[string]any{
		"storage": st.ID, "type": st.Type, "content": strings.Join(sortedCopy(st.Content), ","),
		"active": b2i(!st.Disable), "enabled": b2i(!st.Disable), "shared": b2i(st.Shared),
		"total": st.Total, "used": used, "avail": st.Total - used,
		"used_fraction": float64(used) / float64(st.Total),
	}
}

func sortedCopy(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

// GET /nodes/{node}/storage[?content=&storage=]
func (s *Server) storageList(r *request) (any, *apiError) {
	out := []map[string]any{}
	for _, st := range s.st.Storages {
		// Storages restricted to other nodes are not listed
		// (storage_check_node); disabled ones are, with enabled 0.
		if !st.onNode(r.vars["node"]) || (r.params["enabled"] == "1" && st.Disable) {
			continue
		}
		if c := r.params["content"]; c != "" {
			ok := false
			for _, want := range splitList(c) {
				ok = ok || st.has(want)
			}
			if !ok {
				continue
			}
		}
		if id := r.params["storage"]; id != "" && id != st.ID {
			continue
		}
		if !r.hasPriv("Datastore.Audit") && !r.hasPriv("Datastore.AllocateSpace") {
			continue
		}
		out = append(out, s.storageEntry(r.vars["node"], st))
	}
	return out, nil
}

func (s *Server) getStorage(r *request) (*storage, *apiError) {
	st := s.st.storage(r.vars["storage"])
	if st == nil {
		return nil, errf("storage '%s' does not exist", r.vars["storage"])
	}
	if !st.onNode(r.vars["node"]) {
		return nil, errf("storage '%s' is not available on node '%s'", st.ID, r.vars["node"])
	}
	return st, nil
}

// GET /nodes/{node}/storage/{storage}/status
func (s *Server) storageStatus(r *request) (any, *apiError) {
	st, err := s.getStorage(r)
	if err != nil {
		return nil, err
	}
	e := s.storageEntry(r.vars["node"], st)
	delete(e, "storage")
	delete(e, "used_fraction")
	return e, nil
}

func volumeEntry(v *volume) map[string]any {
	e := map[string]any{"volid": v.Volid, "content": v.Content, "format": v.Format, "size": v.Size, "ctime": v.Ctime}
	if v.VMID != 0 {
		e["vmid"] = v.VMID
	}
	return e
}

// GET /nodes/{node}/storage/{storage}/content[?content=&vmid=]
func (s *Server) contentList(r *request) (any, *apiError) {
	if _, err := s.getStorage(r); err != nil {
		return nil, err
	}
	out := []map[string]any{}
	vols := s.st.volumesOn(r.vars["node"], r.vars["storage"])
	sort.Slice(vols, func(i, j int) bool { return vols[i].Volid < vols[j].Volid })
	for _, v := range vols {
		if c := r.params["content"]; c != "" && c != v.Content {
			continue
		}
		if id := r.params["vmid"]; id != "" && atoi(id) != v.VMID {
			continue
		}
		out = append(out, volumeEntry(v))
	}
	return out, nil
}

// volidOf accepts "storage:vztmpl/x" and the storage-relative "vztmpl/x".
func volidOf(storageID, volume string) string {
	if strings.HasPrefix(volume, storageID+":") {
		return volume
	}
	return storageID + ":" + volume
}

// GET /nodes/{node}/storage/{storage}/content/{volume}
func (s *Server) contentGet(r *request) (any, *apiError) {
	if _, err := s.getStorage(r); err != nil {
		return nil, err
	}
	volid := volidOf(r.vars["storage"], r.vars["volume"])
	v := s.st.findVolume(r.vars["node"], volid)
	if v == nil {
		return nil, errf("volume '%s' does not exist", volid)
	}
	return map[string]any{"path": volumePath(s.st.storage(v.Storage), v), "size": v.Size, "used": v.Size, "format": v.Format}, nil
}

// DELETE /nodes/{node}/storage/{storage}/content/{volume}: the volume id may
// arrive raw (with '/') or escaped (%2F); both are matched unescaped.
func (s *Server) contentDelete(r *request) (any, *apiError) {
	if _, err := s.getStorage(r); err != nil {
		return nil, err
	}
	volid := volidOf(r.vars["storage"], r.vars["volume"])
	v := s.st.findVolume(r.vars["node"], volid)
	if v == nil {
		return nil, errf("volume '%s' does not exist", volid)
	}
	if g := s.volumeOwner(volid); g != nil {
		return nil, errf("unable to delete volume '%s' - volume is used by %s %d", volid, g.typeLabel(), g.VMID)
	}
	s.st.removeVolume(v)
	return s.newTask(r.vars["node"], "imgdel", "", r.user, "", "Removed volume '"+volid+"'"), nil
}

// volumeOwner returns the guest whose config references volid.
func (s *Server) volumeOwner(volid string) *guest {
	for _, g := range s.st.Guests {
		for _, v := range g.Conf {
			if strings.HasPrefix(v, volid+",") || v == volid {
				return g
			}
		}
	}
	return nil
}

// allocDisk allocates a guest volume of size bytes the way PVE names it:
// vm-<id>-disk-<n> on LVM-thin, <id>/vm-<id>-disk-<n>.<fmt> on file storages.
func (s *Server) allocDisk(node, storageID string, vmid int, size int64, content, format string) (string, *apiError) {
	st := s.st.storage(storageID)
	if st == nil {
		return "", errf("storage '%s' does not exist", storageID)
	}
	if !st.has(content) {
		if content == "rootdir" {
			return "", errf("storage '%s' does not support container directories", storageID)
		}
		return "", errf("storage '%s' does not support vm images", storageID)
	}
	if st.Type == "lvmthin" {
		format = "raw"
	} else if format == "" {
		format = "raw"
		if content == "images" {
			format = "qcow2"
		}
	}
	for n := 0; ; n++ {
		name := fmt.Sprintf("vm-%d-disk-%d", vmid, n)
		base := fmt.Sprintf("base-%d-disk-%d", vmid, n)
		volid := storageID + ":" + name
		if st.Type != "lvmthin" {
			volid = fmt.Sprintf("%s:%d/%s.%s", storageID, vmid, name, format)
		}
		if s.st.volumeNameUsed(node, storageID, name) || s.st.volumeNameUsed(node, storageID, base) {
			continue
		}
		s.st.addVolume(&volume{Node: node, Storage: storageID, Volid: volid, Content: content, Format: format, Size: size, VMID: vmid, Ctime: time.Now().Unix()})
		return volid, nil
	}
}

// volumeNameUsed reports whether a disk name is taken on a storage (also as
// the base or the clone part of a linked clone's volume name).
func (st *state) volumeNameUsed(node, storageID, name string) bool {
	for _, v := range st.volumesOn(node, storageID) {
		_, rest, _ := strings.Cut(v.Volid, ":")
		for _, part := range strings.Split(rest, "/") {
			if i := strings.LastIndexByte(part, '.'); i > 0 {
				part = part[:i]
			}
			if part == name {
				return true
			}
		}
	}
	return false
}
