package proxmox

import (
	"testing"
)

// Every pattern of the served endpoints must translate to RE2.
func TestSchemaPatternsCompile(t *testing.T) {
	var check func(where string, p *paramSchema)
	check = func(where string, p *paramSchema) {
		if p.Pattern != "" && p.re == nil {
			t.Errorf("%s: pattern %q does not compile", where, p.Pattern)
		}
		for k, s := range p.subSchema {
			check(where+"."+k, s)
		}
	}
	for path, ms := range apiSchema() {
		for m, s := range ms {
			for name, p := range s.Params {
				check(m+" "+path+" "+name, p)
			}
		}
	}
	if methodFor("POST", "/nodes/{node}/lxc") == nil {
		t.Fatal("lxc create missing from the schema")
	}
}
