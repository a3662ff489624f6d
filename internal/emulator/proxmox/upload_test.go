package proxmox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

// uploadReq posts a multipart body as PAG's Upload builds it: the fields,
// then the file part "filename".
func (c *rawClient) uploadReq(path string, fields [][2]string, fileField, fileName string, data []byte) apiReply {
	c.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, f := range fields {
		_ = w.WriteField(f[0], f[1])
	}
	fw, _ := w.CreateFormFile(fileField, fileName)
	_, _ = fw.Write(data)
	_ = w.Close()
	return c.raw("POST", path, w.FormDataContentType(), &buf)
}

func (c *rawClient) raw(method, path, ctype string, body io.Reader) apiReply {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+path, body)
	for k, v := range c.header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", ctype)
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var r apiReply
	if err := json.Unmarshal(b, &r); err != nil {
		c.t.Fatalf("%s %s: %d non-JSON body %q", method, path, resp.StatusCode, b)
	}
	r.Status, r.raw = resp.StatusCode, string(b)
	return r
}

// TestUploadMultipart: POST .../upload takes multipart/form-data (without
// CSRF for tickets), lands the file as a volume through an imgcopy task,
// checks the checksum; other paths refuse multipart with 506.
func TestUploadMultipart(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	data := []byte("ISO 9660 stand-in")
	r := c.uploadReq("/nodes/pve-s1/storage/local/upload", [][2]string{{"content", "iso"}}, "filename", "../My Disk.iso", data)
	var upid string
	if r.Status != 200 || json.Unmarshal(r.Data, &upid) != nil || !strings.Contains(upid, ":imgcopy::") || c.task(upid) != "OK" {
		t.Fatalf("upload: %d %s", r.Status, r.raw)
	}
	var list []map[string]any
	c.ok("GET", "/nodes/pve-s1/storage/local/content", map[string]string{"content": "iso"}, &list)
	if len(list) != 1 || list[0]["volid"] != "local:iso/My_Disk.iso" || list[0]["size"] != float64(len(data)) {
		t.Fatalf("content after upload: %v", list)
	}
	var lines []map[string]any
	c.ok("GET", "/nodes/pve-s1/tasks/"+upid+"/log", nil, &lines)
	if !strings.Contains(lines[1]["t"].(string)+lines[2]["t"].(string), "target file: /var/lib/vz/template/iso/My_Disk.iso") {
		t.Errorf("task log %v", lines)
	}

	sum := sha256.Sum256(data)
	r = c.uploadReq("/nodes/pve-s1/storage/local/upload", [][2]string{{"content", "iso"}, {"checksum-algorithm", "sha256"}, {"checksum", strings.Repeat("0", 64)}}, "filename", "b.iso", data)
	json.Unmarshal(r.Data, &upid)
	if st := c.task(upid); st != "checksum mismatch: got '"+hex.EncodeToString(sum[:])+"' != expect '"+strings.Repeat("0", 64)+"'" {
		t.Fatalf("checksum mismatch task: %q", st)
	}
	r = c.uploadReq("/nodes/pve-s1/storage/local/upload", [][2]string{{"content", "iso"}}, "file", "c.iso", data)
	if r.Status != 500 || !strings.Contains(r.Message, "wrong field name 'file' for file upload, expected 'filename'") {
		t.Fatalf("wrong file field: %s", r.raw)
	}
	r = c.uploadReq("/nodes/pve-s1/storage/local/upload", [][2]string{{"content", "iso"}}, "filename", "c.txt", data)
	if r.Status != 400 || r.Errors["filename"] == "" {
		t.Fatalf("wrong extension: %s", r.raw)
	}
	r = c.uploadReq("/nodes/pve-s1/storage/local-lvm/upload", [][2]string{{"content", "iso"}}, "filename", "c.iso", data)
	if r.Status != 500 || !strings.Contains(r.Message, "can't upload to storage type 'lvmthin'") {
		t.Fatalf("upload to lvmthin: %s", r.raw)
	}
	c.fails("POST", "/nodes/pve-s1/storage/local/upload", map[string]string{"content": "iso", "filename": "x.iso"}, 500, "upload 'Content-Type 'application/x-www-form-urlencoded' not implemented")
	r = c.uploadReq("/pools", [][2]string{{"poolid", "p"}}, "filename", "x.iso", data)
	if r.Status != 506 || !strings.Contains(r.Message, "upload 'Content-Type 'multipart/form-data; boundary=") {
		t.Fatalf("multipart elsewhere: %s", r.raw)
	}

	// A ticket needs no CSRF token for an upload.
	tc := newRawClient(t, s)
	var tk map[string]any
	tc.ok("POST", "/access/ticket", map[string]string{"username": "root@pam", "password": s.RootPassword()}, &tk)
	tc.header.Set("Cookie", "PVEAuthCookie="+tk["ticket"].(string))
	r = tc.uploadReq("/nodes/pve-s2/storage/local/upload", [][2]string{{"content", "vztmpl"}}, "filename", "alpine.tar.xz", data)
	if r.Status != 200 {
		t.Fatalf("upload with a ticket: %s", r.raw)
	}
}
