package menu

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestPrintedField: an Unprinted field with Printed is imported as what the
// row shows of it, keeps the configured value on a refresh, and finds its
// row by that; Same decides equality.
func TestPrintedField(t *testing.T) {
	f := Field{Name: "key", Mode: Required, Unprinted: true,
		Printed: func(row map[string]string) string { return "len=" + row["len"] },
		Same: func(a, b string) bool {
			sum := func(s string) string {
				if strings.HasPrefix(s, "len=") {
					return s
				}
				return "len=" + string(rune('0'+len(s)))
			}
			return a == b || sum(a) == sum(b) && (strings.HasPrefix(a, "len=") || strings.HasPrefix(b, "len="))
		}}
	spec := Spec{Type: "t", Path: "/t", Key: []string{"key"}, Fields: []Field{f, {Name: "len", Mode: ReadOnly}}}
	r := &Resource{spec: &spec}
	row := map[string]string{".id": "*1", "len": "3"}

	imp := r.refresh(vals{"id": types.StringValue("*1")}, row, true)
	if got := imp["key"]; !got.Equal(types.StringValue("len=3")) {
		t.Errorf("import: key = %v, want the printed summary", got)
	}
	kept := r.refresh(vals{"id": types.StringValue("*1"), "key": types.StringValue("abc")}, row, false)
	if got := kept["key"]; !got.Equal(types.StringValue("abc")) {
		t.Errorf("refresh: key = %v, want the configured value", got)
	}
	if !spec.Fields[0].Equal("abc", "len=3") || spec.Fields[0].Equal("abc", "abd") {
		t.Error("Equal does not use Same")
	}
	if n := len(r.matches([]map[string]string{row}, map[string]string{"key": "xyz"})); n != 1 {
		t.Errorf("matches by printed value: %d rows", n)
	}
}
