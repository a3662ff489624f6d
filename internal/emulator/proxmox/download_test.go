package proxmox

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

func TestNormalizeContentFilename(t *testing.T) {
	for in, want := range map[string]string{
		"../../../../tmp/x.tar.zst": "x.tar.zst",
		"../../../../tmp/x":         "x",
		`C:\images\a b.iso`:         "a_b.iso",
		"debian;rm -rf.tar.gz\n":    "debian_rm_-rf.tar.gz",
		"ok-1.2_3.tar.xz":           "ok-1.2_3.tar.xz",
	} {
		if got := normalizeContentFilename(in); got != want {
			t.Errorf("normalizeContentFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

func downloadTask(c *rawClient, storage string, p map[string]string) string {
	c.t.Helper()
	var upid string
	c.ok("POST", "/nodes/pve-s1/storage/"+storage+"/download-url", p, &upid)
	return c.task(upid)
}

// TestDownloadURLFileName: PVE normalises the file name, so a path cannot
// leave the template directory; a name without a template extension after
// normalisation is refused.
func TestDownloadURLFileName(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	r := c.fails("POST", "/nodes/pve-s1/storage/local/download-url",
		map[string]string{"url": "https://example.com/x", "content": "vztmpl", "filename": "../../../../tmp/x"}, 400, "Parameter verification failed.")
	if r.Errors["filename"] != "wrong file extension" {
		t.Fatalf("errors %v", r.Errors)
	}
	if st := downloadTask(c, "local", map[string]string{"url": "https://example.com/x.tar.zst", "content": "vztmpl", "filename": "../../../../tmp/x.tar.zst"}); st != "OK" {
		t.Fatalf("task %q", st)
	}
	if s.st.findVolume("pve-s1", "local:vztmpl/x.tar.zst") == nil {
		t.Fatalf("normalised template not on local: %v", s.st.volumesOn("pve-s1", "local"))
	}
	for _, v := range s.st.Volumes {
		if strings.Contains(v.Volid, "..") || strings.Contains(v.Volid, "tmp/") {
			t.Fatalf("volume outside the template directory: %s", v.Volid)
		}
	}
	// Upper-case extensions are accepted (PVE's regexes are /i).
	if st := downloadTask(c, "local", map[string]string{"url": "https://example.com/y.TAR.ZST", "content": "vztmpl", "filename": "y.TAR.ZST"}); st != "OK" {
		t.Fatalf("task %q", st)
	}
}

// TestDownloadURLChecksum: a checksum of the wrong form can never match the
// downloaded file's, so the task fails with PVE's mismatch message; with a
// file given by SetDownload the real digest is compared.
func TestDownloadURLChecksum(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	good := map[string]int{"md5": 32, "sha1": 40, "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128}
	i := 0
	for algo, n := range good {
		i++
		name := "t" + itoa(i) + ".tar.zst"
		for _, bad := range []string{"abc", strings.Repeat("a", n-1), strings.Repeat("a", n+1), strings.Repeat("g", n)} {
			st := downloadTask(c, "local", map[string]string{"url": "https://example.com/" + name, "content": "vztmpl", "filename": name, "checksum": bad, "checksum-algorithm": algo})
			if !strings.HasPrefix(st, "checksum mismatch: got '") || !strings.HasSuffix(st, "' != expect '"+bad+"'") {
				t.Fatalf("%s checksum %q: task %q", algo, bad, st)
			}
			got := strings.TrimPrefix(st, "checksum mismatch: got '")
			if got = got[:strings.IndexByte(got, '\'')]; len(got) != n {
				t.Fatalf("%s: got digest %q of length %d", algo, got, len(got))
			}
		}
		if s.st.findVolume("pve-s1", "local:vztmpl/"+name) != nil {
			t.Fatalf("%s: a failed download left %s", algo, name)
		}
		if st := downloadTask(c, "local", map[string]string{"url": "https://example.com/" + name, "content": "vztmpl", "filename": name, "checksum": strings.Repeat("A", n), "checksum-algorithm": algo}); st != "OK" {
			t.Fatalf("%s well-formed checksum: %q", algo, st)
		}
	}

	body := []byte("a container template")
	sum := sha256.Sum256(body)
	s.SetDownload("https://images.example.com/ct.tar.zst", body)
	st := downloadTask(c, "local", map[string]string{"url": "https://images.example.com/ct.tar.zst", "content": "vztmpl", "filename": "ct.tar.zst",
		"checksum": strings.Repeat("0", 64), "checksum-algorithm": "sha256"})
	if st != "checksum mismatch: got '"+hex.EncodeToString(sum[:])+"' != expect '"+strings.Repeat("0", 64)+"'" {
		t.Fatalf("mismatch with a known file: %q", st)
	}
	if st := downloadTask(c, "local", map[string]string{"url": "https://images.example.com/ct.tar.zst", "content": "vztmpl", "filename": "ct.tar.zst",
		"checksum": strings.ToUpper(hex.EncodeToString(sum[:])), "checksum-algorithm": "sha256"}); st != "OK" {
		t.Fatalf("matching checksum: %q", st)
	}
	if v := s.st.findVolume("pve-s1", "local:vztmpl/ct.tar.zst"); v == nil || v.Size != int64(len(body)) {
		t.Fatalf("downloaded volume %+v", v)
	}
	// Again with the right checksum: the existing file is kept; without one
	// it is refused.
	if st := downloadTask(c, "local", map[string]string{"url": "https://images.example.com/ct.tar.zst", "content": "vztmpl", "filename": "ct.tar.zst",
		"checksum": hex.EncodeToString(sum[:]), "checksum-algorithm": "sha256"}); st != "OK" {
		t.Fatalf("existing file with its checksum: %q", st)
	}
	if st := downloadTask(c, "local", map[string]string{"url": "https://images.example.com/ct.tar.zst", "content": "vztmpl", "filename": "ct.tar.zst"}); st != "refusing to override existing file '/var/lib/vz/template/cache/ct.tar.zst'" {
		t.Fatalf("existing file: %q", st)
	}
}

// TestDownloadURLUnreachable: the task fails; nothing is stored.
func TestDownloadURLUnreachable(t *testing.T) {
	s := startTest(t)
	c := tokenClient(t, s)
	st := downloadTask(c, "local", map[string]string{"url": "https://images.invalid/x.tar.zst", "content": "vztmpl", "filename": "x.tar.zst",
		"checksum": strings.Repeat("a", 64), "checksum-algorithm": "sha256"})
	if st != "download failed: wget: unable to resolve host address 'images.invalid'" {
		t.Fatalf("task %q", st)
	}
	s.SetUnreachable("mirror.example.org")
	if st := downloadTask(c, "nas", map[string]string{"url": "http://mirror.example.org/a.iso", "content": "iso", "filename": "a.iso"}); !strings.HasPrefix(st, "download failed: ") {
		t.Fatalf("task %q", st)
	}
	if len(s.st.volumesOn("pve-s1", "local")) != 1 || len(s.st.volumesOn("pve-s1", "nas")) != 0 {
		t.Fatalf("failed downloads stored volumes: %v", s.st.Volumes)
	}
}
