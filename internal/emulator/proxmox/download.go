package proxmox

import (
	"strings"
	"time"
)

// POST /nodes/{node}/storage/{storage}/download-url
func (s *Server) downloadURL(r *request) (any, *apiError) {
	st, err := s.getStorage(r)
	if err != nil {
		return nil, err
	}
	content, name := r.params["content"], r.params["filename"]
	switch content {
	case "vztmpl":
		if !reVztmplExt.MatchString(name) {
			return nil, paramErr1("filename", "wrong file extension")
		}
	case "iso":
		if !reIsoExt.MatchString(name) {
			return nil, paramErr1("filename", "wrong file extension")
		}
	}
	if !st.has(content) {
		return nil, errf("storage '%s' is not configured for content-type '%s'", st.ID, content)
	}
	volid := st.ID + ":" + content + "/" + name
	if s.st.findVolume(r.vars["node"], volid) != nil {
		return nil, errf("refusing to override existing file '%s'", name)
	}
	s.st.addVolume(&volume{Node: r.vars["node"], Storage: st.ID, Volid: volid, Content: content, Format: fileFormat(name), Size: 150 << 20, Ctime: time.Now().Unix()})
	return s.newTask(r.vars["node"], "download", name, r.user, "",
		"downloading "+r.params["url"]+" to /var/lib/vz/template/"+content+"/"+name, "download of '"+r.params["url"]+"' finished"), nil
}

// fileFormat is the content listing's format of a file name.
func fileFormat(name string) string {
	switch {
	case strings.HasSuffix(name, ".tar.zst"):
		return "tzst"
	case strings.HasSuffix(name, ".tar.xz"):
		return "txz"
	case strings.HasSuffix(name, ".tar.gz"):
		return "tgz"
	case strings.HasSuffix(name, ".iso"), strings.HasSuffix(name, ".img"):
		return "iso"
	}
	return "raw"
}
