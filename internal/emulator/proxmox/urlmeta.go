package proxmox

import (
	"net/url"
	"path"
	"strings"
)

// GET /nodes/{node}/query-url-metadata (pve-manager PVE/API2/Nodes.pm
// query_url_metadata): a HEAD request to the URL; anything but 200 is
// "invalid server response: '<status line>'"; the answer has filename
// (from Content-Disposition, else the URL's last path segment), size
// (Content-Length) and mimetype (Content-Type without parameters), each
// only when known.
//
// The emulator fetches nothing: a host downloads cannot reach (knobs
// SetUnreachable, .invalid) fails as LWP reports a failed connect (wording
// unconfirmed); a URL given with SetDownload has that file's size; other
// URLs get the stand-in size download-url gives them. The mimetype is
// guessed from the file name, as a web server would send it.
func (s *Server) queryURLMetadata(r *request) (any, *apiError) {
	rawURL := r.params["url"]
	if reason := s.unreachable(rawURL); reason != "" {
		u, _ := url.Parse(rawURL)
		host, port := "", "443"
		if u != nil {
			host, port = u.Hostname(), u.Port()
			if port == "" && u.Scheme == "http" {
				port = "80"
			} else if port == "" {
				port = "443"
			}
		}
		return nil, errf("invalid server response: '500 Can't connect to %s:%s (Name or service not known)'", host, port)
	}
	out := map[string]any{"size": standInSize(s, rawURL)}
	if u, err := url.Parse(rawURL); err == nil {
		if name := path.Base(u.Path); name != "" && name != "/" && name != "." && !strings.HasSuffix(u.Path, "/") {
			out["filename"] = name
			out["mimetype"] = guessMimetype(name)
		}
	}
	return out, nil
}

// standInSize is the size of the file a URL serves: SetDownload's, else a
// fixed stand-in (the size download-url records).
func standInSize(s *Server, rawURL string) int64 {
	if b, ok := s.downloadBody(rawURL); ok {
		return int64(len(b))
	}
	return 150 << 20
}

func guessMimetype(name string) string {
	n := strings.ToLower(name)
	for _, m := range []struct{ suffix, typ string }{
		{".iso", "application/x-iso9660-image"}, {".img", "application/octet-stream"},
		{".tar.gz", "application/gzip"}, {".tgz", "application/gzip"}, {".tar.xz", "application/x-xz"},
		{".tar.zst", "application/zstd"}, {".tar.bz2", "application/x-bzip2"}, {".tar", "application/x-tar"},
		{".qcow2", "application/octet-stream"}, {".ova", "application/x-tar"},
	} {
		if strings.HasSuffix(n, m.suffix) {
			return m.typ
		}
	}
	return "application/octet-stream"
}

// checkURLMetadataPerms: Sys.Audit and Sys.Modify on /, or
// Sys.AccessNetwork on the node.
func checkURLMetadataPerms(s *Server, r *request) *apiError {
	if (r.hasPriv("Sys.Audit") && r.hasPriv("Sys.Modify")) || r.hasPriv("Sys.AccessNetwork") {
		return nil
	}
	return permErr("/nodes/"+r.vars["node"], "Sys.AccessNetwork")
}
