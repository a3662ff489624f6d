package proxmox

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// POST /nodes/{node}/storage/{storage}/download-url (pve-storage
// src/PVE/API2/Storage/Status.pm download_url, which runs
// PVE::Tools::download_file_from_url of pve-common src/PVE/Tools.pm in the
// "download" worker).
//
// Before the worker forks, in PVE's order: a storage without a path ("can't
// upload to storage type ..."), the content type, then the file name, which
// PVE normalises (PVE::Storage::normalize_content_filename: everything up to
// the last / or \ is dropped, every character outside [a-zA-Z0-9_.-]
// becomes _), so "../../../../tmp/x.tar.zst" lands as x.tar.zst in the
// template directory and "../../../../tmp/x" fails the extension check.
//
// In the worker: an existing file is refused (or, with a checksum, kept when
// its checksum matches), the download itself can fail, and the checksum is
// compared with the downloaded file's. PVE does not check the checksum's
// form: a value that is not a hex digest of the algorithm's length (md5 32,
// sha1 40, sha224 56, sha256 64, sha384 96, sha512 128) can never match, so
// the task fails with "checksum mismatch" after the download. The emulator
// has no file content unless a test gave one with SetDownload: it then
// hashes that content; otherwise it takes a well-formed checksum as
// matching and a malformed one as a mismatch.
func (s *Server) downloadURL(r *request) (any, *apiError) {
	st, err := s.getStorage(r)
	if err != nil {
		return nil, err
	}
	node := r.vars["node"]
	dir, fileBased := storagePath(st)
	if !fileBased {
		return nil, errf("can't upload to storage type '%s', not a file based storage!", st.Type)
	}
	content, rawURL := r.params["content"], r.params["url"]
	if !st.has(content) {
		return nil, errf("storage '%s' is not configured for content-type '%s'", st.ID, content)
	}
	name := normalizeContentFilename(r.params["filename"])
	sub, _, aerr := contentDir(content, name, "upload content-type '%s' is not allowed")
	if aerr != nil {
		return nil, aerr
	}
	dir += sub
	dest := dir + "/" + name
	volid := st.ID + ":" + content + "/" + name
	algo, want := r.params["checksum-algorithm"], r.params["checksum"]
	task := func(fail string, log ...string) (any, *apiError) {
		return s.newTask(node, "download", name, r.user, fail, log...), nil
	}

	body, known := s.downloadBody(rawURL)
	got := ""
	if algo != "" {
		if known {
			got = hexDigest(algo, body)
		} else if checksumWellFormed(algo, want) {
			got = strings.ToLower(want) // the emulator's stand-in file matches
		} else {
			got = randomishHex(rawURL, checksumLen[algo]/2)
		}
	}
	log := []string{"downloading " + rawURL + " to " + dest}
	if s.st.findVolume(node, volid) != nil {
		if algo == "" {
			return task(fmt.Sprintf("refusing to override existing file '%s'", dest), log...)
		}
		// The existing file's checksum: the emulator has only the one the
		// new download would have.
		if got == strings.ToLower(want) {
			return task("", append(log, "calculating checksum of existing file...OK, got correct file already, no need to download")...)
		}
		return task(fmt.Sprintf("checksum mismatch: got '%s' != expect '%s', aborting", got, want),
			append(log, "calculating checksum of existing file...")...)
	}
	if reason := s.unreachable(rawURL); reason != "" {
		// run_command(..., errmsg => "download failed") dies with wget's
		// last stderr line; wget's wording (C locale) is unconfirmed.
		return task("download failed: "+reason, log...)
	}
	if algo != "" {
		log = append(log, "calculating checksum...")
		if got != strings.ToLower(want) {
			return task(fmt.Sprintf("checksum mismatch: got '%s' != expect '%s'", got, want), log...)
		}
		log[len(log)-1] += "OK, checksum verified"
	}
	size := standInSize(s, rawURL)
	s.st.addVolume(&volume{Node: node, Storage: st.ID, Volid: volid, Content: content, Format: fileFormat(name), Size: size, Ctime: time.Now().Unix()})
	return task("", append(log, "download of '"+rawURL+"' to '"+dest+"' finished")...)
}

var (
	// PVE::Storage's $ISO_EXT_RE_0, $VZTMPL_EXT_RE_1 (both /i) and the
	// import check ($SAFE_CHAR_CLASS_RE + $UPLOAD_IMPORT_EXT_RE_1), matched
	// against the whole normalised name as download_url does.
	reIsoFile    = regexp.MustCompile(`(?i)^[^/]+\.(iso|img)$`)
	reVztmplFile = regexp.MustCompile(`(?i)^[^/]+\.(tar|tar\.(gz|xz|zst|bz2))$`)
	reImportFile = regexp.MustCompile(`^[a-zA-Z0-9\-.+=_]+\.(ova|qcow2|raw|vmdk)$`)

	reUnsafeFileChar = regexp.MustCompile(`[^a-zA-Z0-9_.-]`)
)

// normalizeContentFilename is PVE::Storage::normalize_content_filename.
func normalizeContentFilename(name string) string {
	name = strings.TrimSuffix(name, "\n") // chomp
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return reUnsafeFileChar.ReplaceAllString(name, "_")
}

// storagePath is a storage's mount point, and whether it has one (download
// and upload need a file based storage): storage.cfg's path; without one
// (an old state file) the installer's "local" is /var/lib/vz, network
// storages are mounted under /mnt/pve/<id>, other directories /mnt/<id>.
func storagePath(st *storage) (string, bool) {
	if p := st.Options["path"]; p != "" && st.Type != "lvm" && st.Type != "lvmthin" && st.Type != "pbs" {
		return p, true // storage.cfg's path (dir, nfs, cifs, ...)
	}
	switch {
	case st.ID == "local" && st.Type == "dir":
		return "/var/lib/vz", true
	case st.Type == "nfs" || st.Type == "cifs" || st.Type == "cephfs" || st.Type == "glusterfs":
		return "/mnt/pve/" + st.ID, true
	case st.Type == "dir" || st.Type == "btrfs":
		return "/mnt/" + st.ID, true
	}
	return "", false // lvm, lvmthin, zfspool, rbd, iscsi, ...
}

// checksumLen is the length in hex digits of each download-url algorithm's
// digest.
var checksumLen = map[string]int{"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}

var reHex = regexp.MustCompile(`^[0-9a-fA-F]+$`)

func checksumWellFormed(algo, sum string) bool {
	return len(sum) == checksumLen[algo] && reHex.MatchString(sum)
}

// hexDigest is get_file_hash: the lower-case hex digest.
func hexDigest(algo string, body []byte) string {
	h := newHash(algo)
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// newHash is the hash of a checksum-algorithm value.
func newHash(algo string) hash.Hash {
	switch algo {
	case "md5":
		return md5.New()
	case "sha1":
		return sha1.New()
	case "sha224":
		return sha256.New224()
	case "sha256":
		return sha256.New()
	case "sha384":
		return sha512.New384()
	}
	return sha512.New()
}

// SetDownload gives the file a download from rawURL fetches: downloads of it
// get its size and its real checksums.
func (s *Server) SetDownload(rawURL string, body []byte) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	if s.downloads == nil {
		s.downloads = map[string][]byte{}
	}
	s.downloads[rawURL] = append([]byte(nil), body...)
}

// SetUnreachable makes downloads from host fail as when its name does not
// resolve. Hosts under .invalid (RFC 2606, never resolvable) always fail.
func (s *Server) SetUnreachable(host string) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	if s.unreachableHosts == nil {
		s.unreachableHosts = map[string]bool{}
	}
	s.unreachableHosts[strings.ToLower(host)] = true
}

func (s *Server) downloadBody(rawURL string) ([]byte, bool) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	b, ok := s.downloads[rawURL]
	return b, ok
}

// unreachable returns wget's error for a URL the node cannot fetch.
func (s *Server) unreachable(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" {
		return fmt.Sprintf("%s: Invalid host name.", rawURL) // wget's wording, unconfirmed
	}
	host := strings.ToLower(u.Hostname())
	s.kmu.Lock()
	denied := s.unreachableHosts[host]
	s.kmu.Unlock()
	if denied || host == "invalid" || strings.HasSuffix(host, ".invalid") {
		return fmt.Sprintf("wget: unable to resolve host address '%s'", u.Hostname())
	}
	return ""
}

// fileFormat is the content listing's format of a file name.
func fileFormat(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".tar.zst"):
		return "tzst"
	case strings.HasSuffix(n, ".tar.xz"):
		return "txz"
	case strings.HasSuffix(n, ".tar.gz"):
		return "tgz"
	case strings.HasSuffix(n, ".iso"), strings.HasSuffix(n, ".img"):
		return "iso"
	}
	return "raw"
}
