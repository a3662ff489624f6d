package proxmox

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// File uploads, POST /nodes/{node}/storage/{storage}/upload, as pveproxy
// and pve-storage handle them:
//
//   - pveproxy (pve-manager PVE/HTTPServer.pm) marks a POST to that path as
//     an upload: the Datastore.AllocateTemplate check happens at once and
//     CSRF is not checked (HTML forms cannot send the header);
//   - pve-http-server (PVE/APIServer/AnyEvent.pm file_upload_multipart)
//     wants multipart/form-data: the fields content, checksum-algorithm
//     and checksum, then the file part, which must be named "filename"
//     (its file name becomes the filename parameter); the data goes to
//     /var/tmp/pveupload-<md5 hex>, passed on as tmpfilename (which a
//     client may not set itself); anything after the file part is ignored;
//     other paths refuse multipart bodies with 506 "upload 'Content-Type
//     '<type>' not implemented";
//   - the handler (pve-storage src/PVE/API2/Storage/Status.pm upload)
//     refuses storages without a path, normalises the file name and checks
//     its extension like download-url, refuses content the storage does
//     not hold, then forks an "imgcopy" worker that compares the checksum
//     and copies the file (cp on the node that received it, scp to
//     another), overwriting an existing file.
//
// Unconfirmed: pveproxy answers nothing at all when an upload is not
// multipart or sets tmpfilename in the query (its die is only logged); the
// emulator answers 500 with the message. Fields other than the three are
// skipped here; pveproxy's phase-1 regexes do not expect them.

// uploadedFile is the temporary file pveproxy wrote.
type uploadedFile struct {
	name string // /var/tmp/pveupload-...
	size int64
	sum  string // hex digest with the checksum-algorithm sent before the file
}

var reUploadPath = regexp.MustCompile(`^/nodes/[^/]+/storage/[^/]+/upload$`)

func isUpload(method, path string) bool {
	return method == http.MethodPost && reUploadPath.MatchString(path)
}

// readRequestParams reads an upload's multipart body, or any other
// request's parameters (readParams).
func readRequestParams(hr *http.Request) (map[string]string, *uploadedFile, *apiError) {
	path := strings.TrimPrefix(hr.URL.Path, apiPrefix)
	if !isUpload(hr.Method, path) {
		params, err := readParams(hr)
		return params, nil, err
	}
	ctype := hr.Header.Get("Content-Type")
	ct, ctParams, _ := mime.ParseMediaType(ctype)
	if ct != "multipart/form-data" || ctParams["boundary"] == "" {
		return nil, nil, errf("upload 'Content-Type '%s' not implemented", ctype)
	}
	q, err := url.ParseQuery(hr.URL.RawQuery)
	if err != nil {
		return nil, nil, &apiError{Status: http.StatusBadRequest, Message: "unable to parse query string"}
	}
	params := map[string]string{}
	for k, vs := range q {
		if len(vs) > 0 && k != "_dc" {
			params[k] = vs[len(vs)-1]
		}
	}
	if _, ok := params["tmpfilename"]; ok {
		return nil, nil, errf("'tmpfilename' query parameter is not allowed for file uploads")
	}
	up, aerr := readMultipart(multipart.NewReader(hr.Body, ctParams["boundary"]), params)
	if aerr != nil {
		return nil, nil, aerr
	}
	params["tmpfilename"] = up.name
	return params, up, nil
}

func readMultipart(mr *multipart.Reader, params map[string]string) (*uploadedFile, *apiError) {
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, errf("upload failed") // no file part
		}
		disp, _, _ := mime.ParseMediaType(part.Header.Get("Content-Disposition"))
		if disp != "form-data" {
			return nil, errf("wrong Content-Disposition '%s' in multipart, expected 'form-data'", disp)
		}
		name := part.FormName()
		if part.FileName() == "" {
			if name == "content" || name == "checksum-algorithm" || name == "checksum" {
				b, _ := io.ReadAll(io.LimitReader(part, 4096))
				params[name] = strings.TrimSpace(string(b))
			}
			continue
		}
		if name != "filename" {
			return nil, errf("wrong field name '%s' for file upload, expected 'filename'", name)
		}
		params["filename"] = strings.TrimSpace(part.FileName())
		var h hash.Hash
		if algo := params["checksum-algorithm"]; checksumLen[algo] > 0 {
			h = newHash(algo)
		}
		w := io.Discard
		if h != nil {
			w = h
		}
		n, err := io.Copy(w, part)
		if err != nil {
			return nil, errf("upload failed")
		}
		up := &uploadedFile{size: n}
		if h != nil {
			up.sum = hex.EncodeToString(h.Sum(nil))
		}
		seed := md5.Sum([]byte(fmt.Sprint(time.Now().UnixNano(), n)))
		up.name = "/var/tmp/pveupload-" + hex.EncodeToString(seed[:])
		return up, nil
	}
}

// POST /nodes/{node}/storage/{storage}/upload
func (s *Server) upload(r *request) (any, *apiError) {
	st, err := s.getStorage(r)
	if err != nil {
		return nil, err
	}
	dir, fileBased := storagePath(st)
	if !fileBased {
		return nil, errf("can't upload to storage type '%s'", st.Type)
	}
	tmp := r.params["tmpfilename"]
	if tmp == "" {
		return nil, errf("missing temporary file name")
	}
	up := r.upload
	if up == nil || up.name != tmp {
		return nil, errf("temporary file '%s' does not exist", tmp)
	}
	content, name := r.params["content"], normalizeContentFilename(r.params["filename"])
	sub, format, aerr := contentDir(content, name, "upload content type '%s' not allowed")
	if aerr != nil {
		return nil, aerr
	}
	dir += sub
	if !st.has(content) {
		return nil, errf("storage '%s' does not support '%s' content", st.ID, content)
	}
	node, dest := r.vars["node"], dir+"/"+name
	log := []string{"starting file import from: " + tmp}
	if algo, want := r.params["checksum-algorithm"], r.params["checksum"]; algo != "" {
		if !strings.EqualFold(up.sum, want) {
			return s.newTask(node, "imgcopy", "", r.user, fmt.Sprintf("checksum mismatch: got '%s' != expect '%s'", up.sum, want),
				append(log, "calculating checksum...")...), nil
		}
		log = append(log, "calculating checksum...OK, checksum verified")
	}
	cmd := "cp -- " + tmp + " " + dest
	if node != s.EndpointNode() {
		cmd = "/usr/bin/scp -o BatchMode=yes -p -- " + tmp + " [" + node + "]:" + dest // ssh options abridged
	}
	log = append(log, "target node: "+node, "target file: "+dest, fmt.Sprintf("file size is: %d", up.size),
		"command: "+cmd, "finished file import successfully")
	volid := st.ID + ":" + content + "/" + name
	if old := s.st.findVolume(node, volid); old != nil {
		s.st.removeVolume(old) // "we simply overwrite the destination file"
	}
	s.st.addVolume(&volume{Node: node, Storage: st.ID, Volid: volid, Content: content, Format: format, Size: up.size, Ctime: time.Now().Unix()})
	return s.newTask(node, "imgcopy", "", r.user, "", log...), nil
}

// contentDir is where upload and download-url put a file of content type
// content (pve-manager's API2/Storage/Status.pm checks the name the same
// way in both, each with its own wording for another content type,
// notAllowed): the subdirectory, and the file's format.
func contentDir(content, name, notAllowed string) (sub, format string, err *apiError) {
	format = fileFormat(name)
	switch content {
	case "iso":
		if !reIsoFile.MatchString(name) {
			return "", "", paramErr1("filename", "wrong file extension")
		}
		return "/template/iso", format, nil
	case "vztmpl":
		if !reVztmplFile.MatchString(name) {
			return "", "", paramErr1("filename", "wrong file extension")
		}
		return "/template/cache", format, nil
	case "import":
		m := reImportFile.FindStringSubmatch(name)
		if m == nil {
			return "", "", paramErr1("filename", "invalid filename or wrong extension")
		}
		return "/import", m[1], nil
	}
	return "", "", paramErr1("content", notAllowed, content)
}
