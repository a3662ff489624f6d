package routeros

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The provider's index page lists every entry of the version table.
func TestVersionTableDocumented(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "templates", "index.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, fv := range fieldVersions {
		want := "| `" + fv.Path + "` | `" + fv.Field + "` | "
		if fv.Since != "" {
			want += fv.Since + " and later |"
		} else {
			want += "called `" + fv.Old.Name + "` before " + fv.Old.Before + " |"
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("templates/index.md.tmpl lacks the row %q", want)
		}
	}
	// Every entry names a field of a spec.
	for _, fv := range fieldVersions {
		found := false
		for _, s := range Specs() {
			for _, f := range s.Fields {
				found = found || s.Path == fv.Path && f.Name == fv.Field && (f.Since == fv.Since && f.Since != "" || len(f.OldNames) > 0)
			}
		}
		if !found {
			t.Errorf("version table entry %s %s matches no spec field", fv.Path, fv.Field)
		}
	}
}
