package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A served path is kept with its validation keys only; prose is dropped and
// the apidata.js wrapper is accepted.
func TestRunStripsAndSelects(t *testing.T) {
	dir := t.TempDir()
	var tree []map[string]any
	leaf := func(path string) map[string]any {
		return map[string]any{"path": path, "info": map[string]any{"GET": map[string]any{
			"allowtoken": 1, "description": "long prose",
			"parameters": map[string]any{"additionalProperties": 0, "properties": map[string]any{
				"net[n]": map[string]any{"type": "string", "optional": 1, "description": "x", "format": map[string]any{
					"name": map[string]any{"type": "string", "pattern": "[-_.\\w\\d]+", "description": "y"},
				}},
			}},
		}}}
	}
	var children []any
	for _, p := range servedPaths {
		children = append(children, leaf(p))
	}
	for _, typ := range []string{"lxc", "qemu"} {
		for _, p := range guestPaths {
			children = append(children, leaf(strings.ReplaceAll(p, "%s", typ)))
		}
	}
	children = append(children, leaf("/not/served"))
	tree = append(tree, map[string]any{"path": "/", "children": children})
	b, _ := json.Marshal(tree)
	in := filepath.Join(dir, "apidata.js")
	os.WriteFile(in, append([]byte("const apiSchema = "), append(b, []byte(";\n")...)...), 0o644)
	out := filepath.Join(dir, "out.json")
	if err := run(in, out); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if strings.Contains(string(got), "prose") || strings.Contains(string(got), "/not/served") || strings.Contains(string(got), `"description"`) {
		t.Fatalf("output keeps unwanted data: %s", got)
	}
	var res map[string]map[string]struct {
		AllowToken int                        `json:"allowtoken"`
		Params     map[string]json.RawMessage `json:"params"`
	}
	if err := json.Unmarshal(got, &res); err != nil {
		t.Fatal(err)
	}
	if res["/nodes/{node}/lxc"]["GET"].AllowToken != 1 || !strings.Contains(string(res["/nodes/{node}/lxc"]["GET"].Params["net[n]"]), `"pattern"`) {
		t.Fatalf("lxc entry %s", got)
	}
	// A missing served path is an error.
	os.WriteFile(in, []byte(`[{"path":"/","children":[]}]`), 0o644)
	if err := run(in, out); err == nil {
		t.Fatal("missing paths not reported")
	}
}
